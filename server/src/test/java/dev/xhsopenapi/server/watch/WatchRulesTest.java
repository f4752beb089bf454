package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals, failures and limits of creator watches. */
class WatchRulesTest {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";

  @TempDir Path dir;
  private final CreatorTimelines timelines = new CreatorTimelines(10);
  private final List<AutoCloseable> open = new ArrayList<>();

  private TestGateway start(Map<String, String> more) {
    timelines.creator(CREATOR, 12, 1);
    Map<String, String> settings = new LinkedHashMap<>();
    // Loopback webhooks only where a test says so: the refusals are tested here.
    settings.put("webhooks.allow-private", "false");
    settings.putAll(more);
    TestGateway gw =
        TestGateway.start(
            dir, Clock.systemUTC(), WatchClient.quickSettings(settings), List.of(timelines));
    open.add(gw);
    return gw;
  }

  private WatchClient customer(TestGateway gw, long credits) {
    return new WatchClient(gw, gw.createKey(gw.createAccount("c" + open.size(), credits, 100_000)));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  @Test
  void badRequests_areRefusedClearly_andCostNothing() {
    TestGateway gw = start(Map.of("webhooks.allow-private", "false"));
    WatchClient c = customer(gw, 10);
    assertThat(error(c.call("POST", "/openapi/v1/watches", Map.of("user_id", "nope")), 400))
        .contains("$.user_id");
    assertThat(error(c.call("POST", "/openapi/v1/watches", Map.of()), 400))
        .contains("user_id is required");
    assertThat(error(c.call("POST", "/openapi/v1/watches", "{not json"), 400))
        .contains("not valid JSON");
    Map<String, Object> fast = WatchClient.body(CREATOR, null);
    fast.put("interval_s", 0);
    assertThat(error(c.call("POST", "/openapi/v1/watches", fast), 400)).contains("interval_s");
    assertThat(
            error(
                c.call("POST", "/openapi/v1/watches", WatchClient.body(CREATOR, "ftp://x/y")), 400))
        .contains("http://");
    assertThat(
            error(
                c.call(
                    "POST",
                    "/openapi/v1/watches",
                    WatchClient.body(CREATOR, "http://127.0.0.1:9/hook")),
                400))
        .contains("private")
        .contains("webhooks.allow-private");
    assertThat(
            error(
                c.call(
                    "POST", "/openapi/v1/watches", WatchClient.body(CREATOR, "http://10.1.2.3/")),
                400))
        .contains("10.1.2.3");
    assertThat(
            gw.admin("POST", "/openapi/v1/watches", WatchClient.body(CREATOR, null), null).status())
        .isEqualTo(401);
    TestGateway.Reply wrongMethod = c.call("PUT", "/openapi/v1/watches", null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");
    assertThat(c.call("GET", "/openapi/v1/watches", null).json().path("data").path("watches"))
        .isEmpty();
  }

  @Test
  void anotherAccountsWatch_isNotFound_forEveryOperation() {
    TestGateway gw = start(Map.of());
    WatchClient owner = customer(gw, 10);
    WatchClient other = customer(gw, 10);
    String id = owner.create(WatchClient.body(CREATOR, null)).path("watch_id").asText();
    for (String[] call :
        List.of(
            new String[] {"GET", ""},
            new String[] {"POST", "/poll"},
            new String[] {"GET", "/events"},
            new String[] {"POST", "/roll_secret"},
            new String[] {"DELETE", ""})) {
      assertThat(error(other.call(call[0], "/openapi/v1/watches/" + id + call[1], null), 404))
          .contains(id);
    }
    assertThat(owner.call("DELETE", "/openapi/v1/watches/" + id, null).status()).isEqualTo(204);
    assertThat(error(owner.call("GET", "/openapi/v1/watches/" + id, null), 404))
        .contains("watch_not_found");
  }

  @Test
  void events_arePaged_withAfterAndLimit() {
    TestGateway gw = start(Map.of());
    WatchClient c = customer(gw, 10);
    Map<String, Object> body = WatchClient.body(CREATOR, null);
    body.put("emit_existing", true);
    String id = c.create(body).path("watch_id").asText();
    c.awaitFirstPoll(id);
    WatchClient.EventsPage first = c.eventsPage(id, "?limit=5");
    assertThat(first.events()).hasSize(5);
    List<String> all =
        new ArrayList<>(first.events().stream().map(e -> e.path("event_id").asText()).toList());
    WatchClient.EventsPage page = first;
    while (page.next() != null) {
      page = c.eventsPage(id, "?limit=5&after=" + page.next());
      page.events().forEach(e -> all.add(e.path("event_id").asText()));
    }
    assertThat(all).hasSize(12).doesNotHaveDuplicates();
    assertThat(error(c.call("GET", "/openapi/v1/watches/" + id + "/events?limit=0", null), 400))
        .contains("limit");
    assertThat(
            error(c.call("GET", "/openapi/v1/watches/" + id + "/events?after=evt_nope", null), 400))
        .contains("after");
  }

  @Test
  void pollsThatFail_areRetried_thenPauseTheWatchWithWatchFailed_andCostNothing() {
    TestGateway gw = start(Map.of("watches.max-failures", "2", "webhooks.allow-private", "true"));
    WatchClient c = customer(gw, 10);
    timelines.failNext(1000);
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String id = c.create(WatchClient.body(CREATOR, receiver.url("/h"))).path("watch_id").asText();
      JsonNode paused =
          Eventually.until(
              "the watch paused",
              Duration.ofSeconds(20),
              () -> c.get(id),
              w -> w.path("status").asText().equals("paused"));
      assertThat(paused.path("failures_in_a_row").asInt()).isEqualTo(2);
      assertThat(paused.path("last_error").asText()).startsWith("upstream_unavailable");
      assertThat(paused.path("next_poll_at").isNull()).isTrue();
      List<JsonNode> events = c.events(id);
      assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("watch.failed");
      assertThat(events.getFirst().path("data").path("error").asText())
          .isEqualTo("upstream_unavailable");
      Eventually.until(
          "the watch.failed delivery",
          Duration.ofSeconds(20),
          receiver::received,
          r -> !r.isEmpty());
      assertThat(
              c.call("GET", "/openapi/v1/account", null)
                  .json()
                  .path("data")
                  .path("balance")
                  .asLong())
          .isEqualTo(10);

      // A poll now resumes it; with the source back, the baseline is recorded.
      timelines.failNext(0);
      JsonNode resumed = c.poll(id);
      assertThat(resumed.path("status").asText()).isEqualTo("active");
      assertThat(resumed.path("notes_seen").asLong()).isEqualTo(12);
      assertThat(resumed.path("last_error").isNull()).isTrue();
    }
  }

  @Test
  void anAccountWithoutCredits_getsNoPage_andTheErrorSaysSo() {
    TestGateway gw = start(Map.of());
    WatchClient c = customer(gw, 0);
    String id = c.create(WatchClient.body(CREATOR, null)).path("watch_id").asText();
    JsonNode w = c.awaitFirstPoll(id);
    assertThat(w.path("last_error").asText()).startsWith("insufficient_credits");
    assertThat(w.path("notes_seen").asLong()).isZero();
    assertThat(timelines.calls()).isZero();
  }

  @Test
  void aReceiverThatNeverAccepts_endsFailed_withEveryAttemptLogged() {
    TestGateway gw =
        start(
            Map.of(
                "webhooks.allow-private",
                "true",
                "webhooks.retry-for-s",
                "1",
                "webhooks.retry-max-s",
                "1"));
    WatchClient c = customer(gw, 10);
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.otherwise(503);
      Map<String, Object> body = WatchClient.body(CREATOR, receiver.url("/down"));
      body.put("emit_existing", true);
      body.put("max_pages_per_poll", 1);
      String id = c.create(body).path("watch_id").asText();
      JsonNode first =
          Eventually.until(
              "the first delivery failed",
              Duration.ofSeconds(20),
              () -> c.events(id).stream().findFirst().orElse(null),
              e -> e != null && e.path("delivery").path("status").asText().equals("failed"));
      int attempts = first.path("delivery").path("attempts").asInt();
      assertThat(attempts).isGreaterThan(1);
      List<dev.xhsopenapi.server.watch.WatchStore.AttemptRow> log =
          gw.gateway().watches().attempts(first.path("event_id").asText());
      assertThat(log).hasSize(attempts);
      assertThat(log).extracting(a -> a.httpStatus()).containsOnly(503);
      String eventId = first.path("event_id").asText();
      assertThat(
              receiver.received().stream()
                  .filter(r -> eventId.equals(r.header("XHS-Openapi-Event-Id"))))
          .hasSize(attempts);
    }
  }

  @Test
  void pollPages_areLoggedAsRequestsOfTheWatch_andChargedLikeCustomerCalls() throws Exception {
    TestGateway gw = start(Map.of());
    WatchClient c = customer(gw, 10);
    String id = c.create(WatchClient.body(CREATOR, null)).path("watch_id").asText();
    c.awaitFirstPoll(id);
    List<long[]> rows =
        Eventually.until(
            "two log rows of the watch",
            Duration.ofSeconds(20),
            () -> logRows(gw, id),
            r -> r.size() == 2);
    assertThat(rows).allSatisfy(r -> assertThat(r).containsExactly(200, 1));
    assertThat(
            c.call("GET", "/openapi/v1/account", null).json().path("data").path("balance").asLong())
        .isEqualTo(8);
  }

  private static List<long[]> logRows(TestGateway gw, String watchId) {
    return gw.gateway()
        .database()
        .transaction(
            "reading the log",
            conn -> {
              try (PreparedStatement s =
                  conn.prepareStatement(
                      "SELECT status, charged FROM request_log WHERE watch_id = ? AND path = ?")) {
                s.setString(1, watchId);
                s.setString(2, "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes");
                List<long[]> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                  }
                }
                return out;
              }
            });
  }

  /** The message of an error answer with {@code status}, after checking its shape. */
  private static String error(TestGateway.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.path("request_id").asText()).isNotEmpty();
    return body.path("error").asText() + ": " + body.path("message").asText();
  }
}
