package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.sdk.ScriptedServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client waits for a free slot when the rate-limit headers say the window is full. */
class PacingTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String PAGE = Bodies.page("r", "", false, List.of());

  private final FakeTime time = new FakeTime();
  private ScriptedServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client = server.client(time).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static Reply page(int remaining, int reset) {
    return new Reply(
        200,
        Map.of(
            "X-RateLimit-Limit", "3",
            "X-RateLimit-Remaining", Integer.toString(remaining),
            "X-RateLimit-Reset", Integer.toString(reset)),
        PAGE);
  }

  @Test
  void call_afterAnAnswerWithNoSlotLeft_waitsTheResetFirst() {
    server.then(page(1, 60), page(0, 42), page(2, 1));

    client.page(USER, "");
    client.page(USER, "");
    assertThat(time.sleeps()).isEmpty();
    client.page(USER, "");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(42));
    assertThat(client.rateLimit()).contains(new RateLimit(3, 2, Duration.ofSeconds(1)));
  }

  @Test
  void call_pacesFromTheIetfHeader_whenTheXHeadersAreAbsent() {
    server.then(
        new Reply(
            200,
            Map.of("RateLimit", "\"default\";r=0;t=5", "RateLimit-Policy", "\"default\";q=9;w=60"),
            PAGE),
        page(1, 1));

    client.page(USER, "");
    assertThat(client.rateLimit()).contains(new RateLimit(9, 0, Duration.ofSeconds(5)));
    client.page(USER, "");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void call_withoutRateLimitHeaders_neverWaits() {
    server.then(Reply.json(200, PAGE));

    for (int i = 0; i < 5; i++) {
      client.page(USER, "");
    }

    assertThat(time.sleeps()).isEmpty();
    assertThat(client.rateLimit()).isEmpty();
  }
}
