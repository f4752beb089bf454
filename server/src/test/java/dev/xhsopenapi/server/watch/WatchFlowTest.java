package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creator watches end to end over a gateway whose source is a set of scripted timelines. */
class WatchFlowTest {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final CreatorTimelines timelines = new CreatorTimelines(10);
  private WebhookReceiver receiver;
  private TestGateway gw;
  private String account;
  private WatchClient watches;

  @BeforeEach
  void start() {
    timelines.creator(CREATOR, 25, 2);
    receiver = WebhookReceiver.start();
    gw = start(Map.of());
    account = gw.createAccount("watcher", 100, 100_000);
    watches = new WatchClient(gw, gw.createKey(account));
  }

  private TestGateway start(Map<String, String> more) {
    return TestGateway.start(
        dir, Clock.systemUTC(), WatchClient.quickSettings(more), List.of(timelines));
  }

  @AfterEach
  void stop() {
    gw.close();
    receiver.close();
  }

  @Test
  void aFirstPollRecordsTheBaseline_thenEachNewNoteIsOneSignedEventInOrder() throws Exception {
    TestGateway.Reply created =
        call("POST", "/openapi/v1/watches", WatchClient.body(CREATOR, receiver.url("/hook")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode watch = created.json().path("data");
    String watchId = watch.path("watch_id").asText();
    String secret = watch.path("secret").asText();
    assertThat(watchId).startsWith("wch_");
    assertThat(secret).startsWith("whsec_");
    assertThat(watch.path("status").asText()).isEqualTo("active");

    JsonNode baseline = awaitFirstPoll(watchId);
    // 25 notes, 10 a page: the baseline walks all three pages and emits nothing.
    assertThat(baseline.path("notes_seen").asLong()).isEqualTo(25);
    assertThat(events(watchId)).isEmpty();
    assertThat(gw.balance(account)).isEqualTo(100 - 3);
    assertThat(
            call("GET", "/openapi/v1/watches/" + watchId, null).json().path("data").has("secret"))
        .isFalse();

    String first = timelines.post(CREATOR, "new one");
    String second = timelines.post(CREATOR, "new two");
    poll(watchId);
    // Page 1 holds the 2 pins, the 2 new notes, then a seen note: one page, one credit.
    assertThat(gw.balance(account)).isEqualTo(100 - 4);

    List<JsonNode> events = events(watchId);
    assertThat(events)
        .extracting(e -> e.path("data").path("note").path("id").asText())
        .containsExactly(first, second);
    assertThat(events).extracting(e -> e.path("type").asText()).containsOnly("note.created");

    List<WebhookReceiver.Received> got =
        Eventually.until("two deliveries", WAIT, receiver::received, r -> r.size() >= 2);
    assertThat(got).hasSize(2);
    for (int i = 0; i < 2; i++) {
      WebhookReceiver.Received r = got.get(i);
      JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
      assertThat(r.header("XHS-Openapi-Event-Id")).isEqualTo(body.path("event_id").asText());
      assertThat(body.path("event_id").asText()).isEqualTo(events.get(i).path("event_id").asText());
      assertSigned(secret, r);
    }
    String metrics = gw.get("/metrics", null).body();
    assertThat(metrics)
        .contains("xhs_openapi_watch_polls_total{outcome=\"ok\"}")
        .contains("xhs_openapi_watch_new_notes_total")
        .contains("xhs_openapi_watch_poll_lag_seconds")
        .contains("xhs_openapi_webhook_pending");
    Eventually.until(
        "both delivered",
        WAIT,
        () -> events(watchId),
        list ->
            list.stream()
                .allMatch(e -> e.path("delivery").path("status").asText().equals("delivered")));
    // The counter moves just after the store records the delivery.
    Eventually.until(
        "two deliveries counted",
        WAIT,
        () -> gw.get("/metrics", null).body(),
        m -> m.contains("xhs_openapi_webhook_deliveries_total{outcome=\"delivered\"} 2.0"));
  }

  @Test
  void pinnedNotesNeverEndTheWalk_andAPinnedNoteNeverSeenIsNew() {
    String watchId = create(null, false);
    awaitFirstPoll(watchId);
    String newest = timelines.post(CREATOR, "after the pins");
    poll(watchId);
    assertThat(events(watchId))
        .extracting(e -> e.path("data").path("note").path("id").asText())
        .containsExactly(newest);
  }

  @Test
  void emitExisting_reportsEveryNoteOfTheFirstPoll_oldestFirst() {
    String watchId = create(null, true);
    awaitFirstPoll(watchId);
    List<JsonNode> events = events(watchId);
    assertThat(events).hasSize(25);
    assertThat(events.getFirst().path("delivery").path("status").asText()).isEqualTo("none");
  }

  @Test
  void aReceiverThatFailsTwice_getsTheSameEventThreeTimes() {
    receiver.answer(500, 500, 200);
    String watchId = create(receiver.url("/flaky"), false);
    awaitFirstPoll(watchId);
    timelines.post(CREATOR, "retry me");
    poll(watchId);
    List<WebhookReceiver.Received> got =
        Eventually.until("three attempts", WAIT, receiver::received, r -> r.size() >= 3);
    assertThat(got)
        .extracting(r -> r.header("XHS-Openapi-Event-Id"))
        .containsOnly(got.getFirst().header("XHS-Openapi-Event-Id"));
    JsonNode event =
        Eventually.until(
            "delivered",
            WAIT,
            () -> events(watchId).getFirst(),
            e -> e.path("delivery").path("status").asText().equals("delivered"));
    assertThat(event.path("delivery").path("attempts").asInt()).isEqualTo(3);
    assertThat(gw.gateway().watches().attempts(event.path("event_id").asText()))
        .extracting(WatchStore.AttemptRow::httpStatus)
        .containsExactly(500, 500, 200);
  }

  private String create(String url, boolean emitExisting) {
    Map<String, Object> body = WatchClient.body(CREATOR, url);
    body.put("emit_existing", emitExisting);
    return watches.create(body).path("watch_id").asText();
  }

  private void poll(String watchId) {
    watches.poll(watchId);
  }

  private JsonNode awaitFirstPoll(String watchId) {
    return watches.awaitFirstPoll(watchId);
  }

  private List<JsonNode> events(String watchId) {
    return watches.events(watchId);
  }

  private TestGateway.Reply call(String method, String path, Object body) {
    return watches.call(method, path, body);
  }

  private static void assertSigned(String secret, WebhookReceiver.Received r) throws Exception {
    String header = r.header("XHS-Openapi-Signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    String t = header.substring(2, header.indexOf(','));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(header).endsWith("v1=" + expected);
  }
}
