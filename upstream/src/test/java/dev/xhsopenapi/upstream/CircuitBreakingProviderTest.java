package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakingProviderTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final UpstreamCall CALL =
      new UpstreamCall("r1", "acc", Instant.parse("2030-01-01T00:00:00Z"));

  /** Answers whatever body it is given, counting its calls. */
  private static final class Canned implements UpstreamProvider {
    final String name;
    final AtomicReference<NotesAnswer> next = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();

    Canned(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public NotesAnswer userNotes(NotesQuery query, UpstreamCall call) {
      calls.incrementAndGet();
      return next.get();
    }

    void page(String body) {
      next.set(new NotesAnswer.Page(name(), body.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private final Canned canned = new Canned("canned");
  private final CircuitBreakingProvider breaker =
      new CircuitBreakingProvider(canned, Duration.ofMinutes(1));

  @Test
  void usablePages_andUserNotFound_passUntouched() throws Exception {
    canned.page("{\"code\":0,\"success\":true,\"data\":{\"notes\":[],\"has_more\":false}}");
    assertThat(breaker.userNotes(new NotesQuery(USER, ""), CALL)).isSameAs(canned.next.get());
    canned.next.set(new NotesAnswer.UserNotFound("canned"));
    assertThat(breaker.userNotes(new NotesQuery(USER, ""), CALL)).isSameAs(canned.next.get());
  }

  @Test
  void anUnusablePage_isAFailureOfThatProvider_thatOpensItsCircuit() {
    canned.page("{\"code\":0,\"success\":true,\"data\":{}}");
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> breaker.userNotes(new NotesQuery(USER, ""), CALL))
          .isInstanceOfSatisfying(
              UpstreamException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE);
                assertThat(e.provider()).isEqualTo("canned");
                assertThat(e.getMessage())
                    .startsWith("canned answered an unusable page: the page's data is empty");
              });
    }
    assertThat(breaker.state()).isEqualTo("OPEN");
    assertThatThrownBy(() -> breaker.userNotes(new NotesQuery(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    assertThat(canned.calls.get()).isEqualTo(10);
  }

  @Test
  void theRequestedCursor_isWhatTheNextCursorIsComparedWith() throws Exception {
    String cursor = "64b0c0de0000000012345678";
    canned.page(
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{}],\"has_more\":true,\"cursor\":\""
            + cursor
            + "\"}}");
    assertThat(breaker.userNotes(new NotesQuery(USER, ""), CALL)).isSameAs(canned.next.get());
    assertThatThrownBy(() -> breaker.userNotes(new NotesQuery(USER, cursor), CALL))
        .hasMessageContaining("the walk cannot advance");
  }

  @Test
  void aChainMovesPastAProviderWhosePageIsUnusable() throws Exception {
    canned.page("{\"code\":0,\"success\":true,\"data\":{\"has_more\":true}}");
    Canned good = new Canned("good");
    good.page("{\"code\":0,\"success\":true,\"data\":{\"note_list\":[{\"id\":\"a\"}]}}");
    ProviderChain chain =
        new ProviderChain(
            List.of(breaker, new CircuitBreakingProvider(good, Duration.ofMinutes(1))),
            Clock.fixed(Instant.parse("2029-01-01T00:00:00Z"), ZoneOffset.UTC));
    assertThat(chain.userNotes(new NotesQuery(USER, ""), CALL)).isSameAs(good.next.get());
    assertThat(canned.calls.get()).isEqualTo(1);

    good.page("{\"code\":0,\"success\":true,\"data\":{}}");
    assertThatThrownBy(() -> chain.userNotes(new NotesQuery(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE));
  }
}
