package dev.xhsopenapi.sdk;

import static dev.xhsopenapi.sdk.WatchServer.USER;
import static dev.xhsopenapi.sdk.WatchServer.error;
import static dev.xhsopenapi.sdk.WatchServer.noteEvent;
import static dev.xhsopenapi.sdk.WatchServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A watch's events: one page, the lazy walk of them all, and the event's typed views. */
class WatchEventsTest {
  private static final String FAILED =
      """
      {"event_id":"evt_3","type":"watch.failed","watch_id":"wch_1","user_id":"%s",\
      "created_at":"2026-11-30T12:00:02Z","data":{"error":"upstream_unavailable",\
      "message":"the source did not answer","failures":2},\
      "delivery":{"status":"none","attempts":0}}"""
          .formatted(USER);

  private final FakeTime time = new FakeTime();
  private WatchServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new WatchServer();
    client =
        XhsOpenApiClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey("sk_live_test")
            .clock(time)
            .sleeper(time)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String page(String next, String... events) {
    return ok(
        200,
        "{\"events\":["
            + String.join(",", events)
            + "],\"next\":"
            + (next == null ? "null" : "\"" + next + "\"")
            + "}");
  }

  @Test
  void events_askAfterAnEvent_withALimit_andReadEachEventAndItsDelivery() throws Exception {
    server.then(
        200, page("evt_3", noteEvent("evt_2", "6650a1b2000000001e00abcd", "delivered"), FAILED));

    EventsPage page = client.watches().events("wch_1", "evt_1", 2);

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches/wch_1/events?after=evt_1&limit=2");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk_live_test");
    assertThat(page.next()).hasValue("evt_3");
    assertThat(page.lastEventId()).hasValue("evt_3");
    assertThat(page.requestId()).isEqualTo("req-200");
    WatchEvent created = page.events().get(0);
    assertThat(created.eventId()).isEqualTo("evt_2");
    assertThat(created.type()).isEqualTo(WatchEvent.NOTE_CREATED);
    assertThat(created.watchId()).isEqualTo("wch_1");
    assertThat(created.userId()).isEqualTo(USER);
    assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-30T11:30:01Z"));
    assertThat(created.note())
        .hasValueSatisfying(
            n -> {
              assertThat(n.id()).isEqualTo("6650a1b2000000001e00abcd");
              assertThat(n.title()).isEqualTo("t 6650a1b2000000001e00abcd");
            });
    assertThat(created.delivery())
        .hasValue(new WatchEvent.Delivery(WatchEvent.Delivery.Status.DELIVERED, "delivered", 1));
    WatchEvent failed = page.events().get(1);
    assertThat(failed.type()).isEqualTo(WatchEvent.WATCH_FAILED);
    assertThat(failed.note()).isEmpty();
    assertThat(failed.data().get("error").asText()).isEqualTo("upstream_unavailable");
    assertThat(failed.data().get("failures").asInt()).isEqualTo(2);
    assertThat(failed.delivery().orElseThrow().status()).isEqualTo(WatchEvent.Delivery.Status.NONE);
  }

  @Test
  void events_fromTheStart_sendNoAfter_andANullNextIsEmpty() throws Exception {
    server.then(200, page(null));

    EventsPage page = client.watches().events("wch_1", null, 100);

    assertThat(server.take().getTarget()).isEqualTo("/openapi/v1/watches/wch_1/events?limit=100");
    assertThat(page.events()).isEmpty();
    assertThat(page.next()).isEmpty();
    assertThat(page.lastEventId()).isEmpty();
  }

  @Test
  void events_aBadLimitOrAfter_isRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.watches().events("wch_1", null, 0))
        .hasMessageContaining("limit must be 1 to 100");
    assertThatThrownBy(() -> client.watches().events("wch_1", null, 101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.watches().events("wch_1", "wch_2", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with evt_");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void events_anAfterOfAnotherWatch_isABadRequest() {
    server.then(400, error(400, "invalid_param"));

    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class, () -> client.watches().events("wch_1", "evt_9", 10));

    assertThat(e.error()).isEqualTo("invalid_param");
  }

  @Test
  void events_aMalformedEvent_isAMalformedResponse_namingIt() {
    server.then(
        200, page(null, noteEvent("evt_1", "n1", "pending").replace("\"created_at\"", "\"at\"")));

    XhsOpenApiException e =
        catchThrowableOfType(
            XhsOpenApiException.class, () -> client.watches().events("wch_1", null, 10));

    assertThat(e.error()).isEqualTo("malformed_response");
    assertThat(e.getMessage()).contains("event 0").contains("created_at");
  }

  @Test
  void theEventsStream_walksThreePages_followingNext_untilItIsNull() throws Exception {
    server
        .then(
            200,
            page(
                "evt_2",
                noteEvent("evt_1", "n1", "delivered"),
                noteEvent("evt_2", "n2", "delivered")))
        .then(
            200,
            page("evt_4", noteEvent("evt_3", "n3", "pending"), noteEvent("evt_4", "n4", "failed")))
        .then(200, page(null, noteEvent("evt_5", "n5", "pending")));

    List<String> ids;
    try (Stream<WatchEvent> events = client.watches().events("wch_1")) {
      ids = events.map(WatchEvent::eventId).toList();
    }

    assertThat(ids).containsExactly("evt_1", "evt_2", "evt_3", "evt_4", "evt_5");
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      targets.add(server.take().getTarget());
    }
    assertThat(targets)
        .containsExactly(
            "/openapi/v1/watches/wch_1/events?limit=100",
            "/openapi/v1/watches/wch_1/events?after=evt_2&limit=100",
            "/openapi/v1/watches/wch_1/events?after=evt_4&limit=100");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void theEventsStream_isLazy_fetchingOnlyThePagesConsumed() {
    server
        .then(
            200,
            page(
                "evt_2",
                noteEvent("evt_1", "n1", "delivered"),
                noteEvent("evt_2", "n2", "delivered")))
        .then(200, page(null, noteEvent("evt_3", "n3", "pending")));

    List<WatchEvent> first = client.watches().events("wch_1").limit(2).toList();

    assertThat(first).hasSize(2);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void theEventsStream_aNextAlreadyFollowed_endsItAsIncomplete() {
    server.then(200, page("evt_1", noteEvent("evt_1", "n1", "delivered"))).then(200, page("evt_1"));

    Stream<WatchEvent> events = client.watches().events("wch_1");

    IncompleteWalkException e = catchThrowableOfType(IncompleteWalkException.class, events::toList);
    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.REPEATED_CURSOR);
    assertThat(e.getMessage()).contains("wch_1");
  }

  @Test
  void aWebhookBody_parsesAsTheSameEvent_withoutADelivery() {
    byte[] body =
        noteEvent("evt_7", "n7", "x")
            .replace(",\"delivery\":{\"status\":\"x\",\"attempts\":1}", "")
            .getBytes(StandardCharsets.UTF_8);

    WatchEvent event = WatchEvent.parse(body);

    assertThat(event.eventId()).isEqualTo("evt_7");
    assertThat(event.delivery()).isEmpty();
    assertThat(event.note().map(Note::id)).hasValue("n7");
    assertThatThrownBy(() -> WatchEvent.parse("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(
            () -> WatchEvent.parse("{\"event_id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
  }

  @Test
  void anUnknownDeliveryStatus_isUnknown_keepingItsText() {
    assertThat(WatchEvent.Delivery.Status.parse("bounced"))
        .isEqualTo(WatchEvent.Delivery.Status.UNKNOWN);
    assertThat(WatchEvent.Delivery.Status.parse("PENDING"))
        .isEqualTo(WatchEvent.Delivery.Status.PENDING);
    assertThat(WatchEvent.Delivery.Status.parse(null))
        .isEqualTo(WatchEvent.Delivery.Status.UNKNOWN);
    assertThat(Watch.Status.parse(" Paused ")).isEqualTo(Watch.Status.PAUSED);
  }
}
