package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.ScriptedServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client retries, how long it waits, and what it hands over when it gives up. */
class RetryTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String PAGE =
      Bodies.page("req-ok", "", false, List.of(Bodies.id(0x60000000L, 1)));

  private final FakeTime time = new FakeTime();
  private final List<EventListener.WaitReason> waits = new CopyOnWriteArrayList<>();
  private ScriptedServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client = client(RetryPolicy.DEFAULT);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private XhsOpenApiClient client(RetryPolicy policy) {
    return XhsOpenApiClient.builder()
        .baseUrl(server.baseUrl() + "/")
        .apiKey("sk_live_test")
        .retryPolicy(policy)
        .clock(time)
        .sleeper(time)
        .eventListener(
            new EventListener() {
              @Override
              public void waiting(Duration delay, WaitReason reason) {
                waits.add(reason);
              }
            })
        .build();
  }

  @Test
  void page_after503Twice_succeedsOnTheThirdAttempt_withJitterUnderTheCaps() {
    server.then(
        Reply.json(503, Bodies.error(503, "r1", "upstream_unavailable", "busy")),
        Reply.json(503, Bodies.error(503, "r2", "upstream_unavailable", "busy")),
        Reply.json(200, PAGE));

    NotesPage page = client.page(USER, "");

    assertThat(page.requestId()).isEqualTo("req-ok");
    assertThat(server.requests()).hasSize(3);
    assertThat(waits)
        .containsExactly(EventListener.WaitReason.BACKOFF, EventListener.WaitReason.BACKOFF);
    List<Duration> sleeps = time.sleeps();
    assertThat(sleeps).hasSizeLessThanOrEqualTo(2);
    sleeps.forEach(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
    assertThat(server.authorizations()).containsOnly("Bearer sk_live_test");
    assertThat(server.requests().get(0))
        .isEqualTo(XhsOpenApiClient.NOTES_PATH + "?user_id=" + USER + "&cursor=");
  }

  @Test
  void page_afterDroppedConnections_isRetried() {
    server.then(Reply.drop(), Reply.drop(), Reply.json(200, PAGE));

    assertThat(client.page(USER, null).notes()).hasSize(1);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void page_whenEveryAttemptFails502_throwsServerException_withTheLastAnswersEvidence() {
    server.then(Reply.json(502, Bodies.error(502, "r-502", "upstream_error", "unusable")));
    XhsOpenApiClient three =
        client(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150)));

    ServerException e = catchThrowableOfType(ServerException.class, () -> three.page(USER, ""));

    assertThat(server.requests()).hasSize(3);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.error()).isEqualTo("upstream_error");
    assertThat(e.getMessage()).isEqualTo("unusable");
    assertThat(e.requestId()).isEqualTo("r-502");
    assertThat(time.sleeps())
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(150)));
    three.close();
  }

  @Test
  void page_whenAProxyAnswersHtml_keepsTheStatusAndTheHeadersRequestId() {
    server.then(new Reply(504, Map.of("X-Request-Id", "hdr-id"), "<html>Gateway Timeout</html>"));
    XhsOpenApiClient once = client(RetryPolicy.NONE);

    ServerException e = catchThrowableOfType(ServerException.class, () -> once.page(USER, ""));

    assertThat(e.status()).isEqualTo(504);
    assertThat(e.error()).isEqualTo("http_504");
    assertThat(e.requestId()).isEqualTo("hdr-id");
    assertThat(e.getMessage()).contains("Gateway Timeout");
    once.close();
  }

  @Test
  void page_answered400_isNeverRetried() {
    server.then(
        Reply.json(400, Bodies.error(400, "r-400", "invalid_param", "user_id must be 24 hex")));

    BadRequestException e =
        catchThrowableOfType(BadRequestException.class, () -> client.page("bad", ""));

    assertThat(server.requests()).hasSize(1);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("invalid_param");
    assertThat(e.requestId()).isEqualTo("r-400");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void page_answered429_waitsExactlyRetryAfter_thenRetries() {
    server.then(
        new Reply(
            429,
            Map.of(
                "Retry-After", "7",
                "X-RateLimit-Limit", "5",
                "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "7"),
            Bodies.error(429, "r-429", "rate_limited", "full")),
        Reply.json(200, PAGE));

    client.page(USER, "");

    assertThat(server.requests()).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(waits).containsExactly(EventListener.WaitReason.RETRY_AFTER);
  }

  @Test
  void page_answered429_withoutRetries_throwsRateLimited_withRetryAfter() {
    server.then(
        new Reply(
            429, Map.of("Retry-After", "12"), Bodies.error(429, "r-429", "rate_limited", "full")));
    XhsOpenApiClient once = client(RetryPolicy.NONE);

    RateLimitedException e =
        catchThrowableOfType(RateLimitedException.class, () -> once.page(USER, ""));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    assertThat(e.status()).isEqualTo(429);
    once.close();
  }

  @Test
  void page_whenNobodyListens_throwsNetworkException_afterEveryAttempt() {
    server.close();
    XhsOpenApiClient two = client(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));

    NetworkException e = catchThrowableOfType(NetworkException.class, () -> two.page(USER, ""));

    assertThat(e.status()).isZero();
    assertThat(e.error()).isEqualTo("network_error");
    assertThat(e.requestId()).isNull();
    assertThat(e.interrupted()).isFalse();
    assertThat(e.getMessage()).contains("after 2 attempt(s)");
    two.close();
  }

  @Test
  void page_onAnInterruptedThread_throwsNetworkException_andKeepsTheInterrupt() {
    server.then(Reply.json(200, PAGE));
    Thread.currentThread().interrupt();
    try {
      NetworkException e =
          catchThrowableOfType(NetworkException.class, () -> client.page(USER, ""));
      assertThat(e.interrupted()).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
