package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link NewWatch.Builder} takes and refuses, before any request. */
class NewWatchTest {
  private static final String USER = "5efdeba4000000000101e7e6";

  @Test
  void theUser_isReadFromWhatPeoplePaste() {
    assertThat(NewWatch.builder(USER.toUpperCase(java.util.Locale.ROOT)).build().userId())
        .isEqualTo(USER);
    assertThat(
            NewWatch.builder("https://www.xiaohongshu.com/user/profile/" + USER + "?xsec_token=a")
                .build()
                .userId())
        .isEqualTo(USER);
    assertThatThrownBy(() -> NewWatch.builder("26161234"))
        .isInstanceOf(InvalidUserIdException.class)
        .hasMessageContaining("小红书号");
  }

  @Test
  void theInterval_mustBe60sTo7Days_inWholeSeconds() {
    NewWatch.Builder b = NewWatch.builder(USER);

    assertThat(b.interval(Duration.ofSeconds(60)).build().interval())
        .hasValue(Duration.ofMinutes(1));
    assertThat(b.interval(Duration.ofDays(7)).build().interval()).hasValue(Duration.ofDays(7));
    assertThatThrownBy(() -> b.interval(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("60 s to 7 days")
        .hasMessageContaining("59 s");
    assertThatThrownBy(() -> b.interval(Duration.ofDays(7).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.interval(Duration.ofMillis(90_500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole seconds");
  }

  @Test
  void thePagesPerPoll_mustBe1To50() {
    NewWatch.Builder b = NewWatch.builder(USER);

    assertThat(b.maxPagesPerPoll(50).build().maxPagesPerPoll()).hasValue(50);
    assertThatThrownBy(() -> b.maxPagesPerPoll(0)).hasMessageContaining("1 to 50");
    assertThatThrownBy(() -> b.maxPagesPerPoll(51)).hasMessageContaining("1 to 50");
  }

  @Test
  void theUrl_mustBeAbsoluteHttpOrHttps_andNullClearsIt() {
    NewWatch.Builder b = NewWatch.builder(USER);

    assertThat(b.url(" https://hooks.example.com/x?y=1 ").build().url())
        .hasValue("https://hooks.example.com/x?y=1");
    assertThat(b.url(null).build().url()).isEmpty();
    assertThatThrownBy(() -> b.url("ftp://hooks.example.com/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> b.url("/hooks/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.url("https://exa mple.com/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a URL");
  }

  @Test
  void unsetSettings_areLeftToTheGateway() {
    NewWatch w = NewWatch.builder(USER).build();

    assertThat(w.url()).isEmpty();
    assertThat(w.interval()).isEmpty();
    assertThat(w.maxPagesPerPoll()).isEmpty();
    assertThat(w.emitExisting()).isFalse();
    assertThat(w.toJson().toString())
        .isEqualTo("{\"user_id\":\"" + USER + "\",\"emit_existing\":false}");
  }
}
