package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /admin/v1/accounts/{id}/events}: an account's own webhook events with their delivery
 * and every attempt, paged oldest first, and its refusals.
 */
class AccountEventsAdminTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

  @TempDir Path dir;
  private final String user = SimDataset.generate(1).users().get(0).userId();

  /** An account of 5 credits warned under 3 at {@code url}, and a key of it. */
  private static String[] account(TestGateway gw, String name, String url) {
    String account = gw.createAccount(name, 5, 300);
    gw.adminOk(
        "PATCH",
        "/admin/v1/accounts/" + account,
        Map.of("low_balance_threshold", 3, "webhook_url", url));
    return new String[] {account, gw.createKey(account)};
  }

  /** Three charges take the balance from 5 to 2, under the threshold: one event. */
  private void cross(TestGateway gw, String key) {
    for (int i = 0; i < 3; i++) {
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
    }
  }

  private static Reply events(TestGateway gw, String account, String query) {
    return gw.admin("GET", "/admin/v1/accounts/" + account + "/events" + query, null);
  }

  private static JsonNode eventsOk(TestGateway gw, String account, String query) {
    Reply r = events(gw, account, query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aReceiverThatFailsThenAnswers200_showsDelivered_withBothAttempts() {
    try (TestGateway gw =
            TestGateway.start(dir, Clock.systemUTC(), WatchClient.quickSettings(Map.of()));
        WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(500);
      String[] acc = account(gw, "flaky", receiver.url("/hook"));
      cross(gw, acc[1]);
      // The attempt is recorded after the receiver answers: wait for the store, not the receiver.
      JsonNode page =
          Eventually.until(
              "the delivered attempt recorded",
              WAIT,
              () -> eventsOk(gw, acc[0], ""),
              p ->
                  p.get("events").size() == 1
                      && p.at("/events/0/delivery/status").asText().equals("delivered"));
      assertThat(page.get("next").isNull()).isTrue();
      JsonNode event = page.at("/events/0");
      String eventId = receiver.received().getFirst().header("XHS-Openapi-Event-Id");
      assertThat(event.get("event_id").asText()).isEqualTo(eventId);
      assertThat(event.get("type").asText()).isEqualTo("account.low_balance");
      assertThat(Instant.parse(event.get("created_at").asText())).isNotNull();
      assertThat(event.get("data").get("balance").asLong()).isEqualTo(2);
      assertThat(event.get("data").get("low_balance_threshold").asLong()).isEqualTo(3);
      JsonNode delivery = event.get("delivery");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
      assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
      JsonNode history = delivery.get("history");
      assertThat(history).hasSize(2);
      assertThat(history).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2);
      assertThat(history).extracting(a -> a.get("http_status").asInt()).containsExactly(500, 200);
      assertThat(history).allSatisfy(a -> assertThat(a.get("error").isNull()).isTrue());
      assertThat(history).allSatisfy(a -> assertThat(a.get("node").asText()).isNotBlank());
      assertThat(Instant.parse(delivery.get("ended_at").asText()))
          .isEqualTo(Instant.parse(history.get(1).get("at").asText()));
    }
  }

  @Test
  void anUnreachableReceiver_isPendingWithItsNextAttempt_thenFailedPastTheRetryPeriod() {
    MutableClock clock = new MutableClock(T0);
    Map<String, String> settings =
        WatchClient.quickSettings(
            Map.of("webhooks.retry-initial-ms", "60000", "webhooks.retry-for-s", "600"));
    String closedUrl;
    try (WebhookReceiver closed = WebhookReceiver.start()) {
      closedUrl = closed.url("/hook");
    }
    try (TestGateway gw = TestGateway.start(dir, clock, settings)) {
      String[] acc = account(gw, "gone", closedUrl);
      cross(gw, acc[1]);
      JsonNode pending =
          Eventually.until(
                  "the first attempt recorded",
                  WAIT,
                  () -> eventsOk(gw, acc[0], ""),
                  p -> p.at("/events/0/delivery/attempts").asInt() == 1)
              .at("/events/0");
      assertThat(pending.get("created_at").asText()).isEqualTo("2026-11-01T08:00:00Z");
      JsonNode delivery = pending.get("delivery");
      assertThat(delivery.get("status").asText()).isEqualTo("pending");
      assertThat(delivery.get("ended_at").isNull()).isTrue();
      // 60 s after the attempt, ±10 %, from its end (the frozen clock plus the attempt's own time).
      Instant next = Instant.parse(delivery.get("next_attempt_at").asText());
      assertThat(next).isBetween(T0.plusSeconds(54), T0.plusSeconds(70));
      JsonNode attempt = delivery.at("/history/0");
      assertThat(attempt.get("http_status").isNull()).isTrue();
      assertThat(attempt.get("error").asText()).contains("could not reach the receiver");
      assertThat(attempt.get("at").asText()).isEqualTo("2026-11-01T08:00:00Z");

      clock.advance(Duration.ofMinutes(10));
      JsonNode failed =
          Eventually.until(
                  "the last attempt recorded",
                  WAIT,
                  () -> eventsOk(gw, acc[0], ""),
                  p -> p.at("/events/0/delivery/status").asText().equals("failed"))
              .at("/events/0/delivery");
      assertThat(failed.get("attempts").asInt()).isEqualTo(2);
      assertThat(failed.get("next_attempt_at").isNull()).isTrue();
      assertThat(failed.get("ended_at").asText()).isEqualTo("2026-11-01T08:10:00Z");
      assertThat(failed.get("history"))
          .extracting(a -> a.get("http_status").isNull())
          .containsExactly(true, true);
    }
  }

  @Test
  void pages_oldestFirst_followingNext_toAShortPage() {
    MutableClock clock = new MutableClock(T0);
    Map<String, String> settings = Map.of("webhooks.allow-private", "true");
    try (TestGateway gw = TestGateway.start(dir, clock, settings);
        WebhookReceiver receiver = WebhookReceiver.start()) {
      String[] acc = account(gw, "pages", receiver.url("/hook"));
      for (int i = 0; i < 3; i++) {
        if (i > 0) {
          // Back over the threshold: the next crossing warns again.
          gw.adminOk("POST", "/admin/v1/accounts/" + acc[0] + "/credits", Map.of("amount", 3));
          clock.advance(Duration.ofMinutes(1));
        }
        cross(gw, acc[1]);
      }
      JsonNode all = eventsOk(gw, acc[0], "");
      assertThat(all.get("events")).hasSize(3);
      assertThat(all.get("next").isNull()).isTrue();
      assertThat(all.get("events"))
          .extracting(e -> e.get("created_at").asText())
          .containsExactly("2026-11-01T08:00:00Z", "2026-11-01T08:01:00Z", "2026-11-01T08:02:00Z");
      List<String> ids = new ArrayList<>();
      all.get("events").forEach(e -> ids.add(e.get("event_id").asText()));

      JsonNode first = eventsOk(gw, acc[0], "?limit=2");
      assertThat(first.get("events"))
          .extracting(e -> e.get("event_id").asText())
          .containsExactlyElementsOf(ids.subList(0, 2));
      assertThat(first.get("next").asText()).isEqualTo(ids.get(1));
      JsonNode second = eventsOk(gw, acc[0], "?limit=2&after=" + first.get("next").asText());
      assertThat(second.get("events"))
          .extracting(e -> e.get("event_id").asText())
          .containsExactly(ids.get(2));
      assertThat(second.get("next").isNull()).isTrue();
      // A full last page names its last event; after it there is nothing yet.
      JsonNode full = eventsOk(gw, acc[0], "?limit=3");
      assertThat(full.get("next").asText()).isEqualTo(ids.get(2));
      JsonNode after = eventsOk(gw, acc[0], "?after=" + ids.get(2));
      assertThat(after.get("events")).isEmpty();
      assertThat(after.get("next").isNull()).isTrue();
      assertThat(eventsOk(gw, acc[0], "?after=").get("events")).hasSize(3);

      // Another account's event is not a place in this account's list.
      String[] other = account(gw, "other", receiver.url("/other"));
      assertThat(eventsOk(gw, other[0], "").get("events")).isEmpty();
      Reply foreign = events(gw, other[0], "?after=" + ids.getFirst());
      assertInvalid(foreign, "after must be the id of an event of account " + other[0]);
    }
  }

  @Test
  void refusals_sayWhichParameter_andAnAccountWithoutEventsHasAnEmptyList() {
    try (TestGateway gw = TestGateway.start(dir, new MutableClock(T0), Map.of())) {
      String account = gw.createAccount("quiet", 5, 300);
      JsonNode empty = eventsOk(gw, account, "");
      assertThat(empty.get("events")).isEmpty();
      assertThat(empty.get("next").isNull()).isTrue();
      // Without a webhook URL a crossing stores no event.
      gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("low_balance_threshold", 3));
      cross(gw, gw.createKey(account));
      assertThat(eventsOk(gw, account, "?limit=100").get("events")).isEmpty();

      Reply unknown = events(gw, "acc_nobody", "");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
      assertThat(unknown.json().get("message").asText())
          .isEqualTo("there is no account acc_nobody");
      assertThat(unknown.json().get("request_id").asText())
          .isEqualTo(unknown.header("X-Request-Id"));

      for (String limit : List.of("0", "101", "-1", "ten", "1.5")) {
        assertInvalid(
            events(gw, account, "?limit=" + limit),
            "limit must be a whole number from 1 to 100, got '" + limit + "'");
      }
      assertInvalid(
          events(gw, account, "?after=evt_nothing"),
          "after must be the id of an event of account " + account);
      assertInvalid(
          events(gw, account, "?after=" + "x".repeat(300)),
          "after must be the id of an event of account " + account);
      assertThat(events(gw, account, "?limit=1").status()).isEqualTo(200);
      assertThat(events(gw, account, "?limit=100").status()).isEqualTo(200);
    }
  }

  private static void assertInvalid(Reply r, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_param");
    assertThat(r.json().get("message").asText()).contains(message);
    assertThat(r.json().get("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
  }
}
