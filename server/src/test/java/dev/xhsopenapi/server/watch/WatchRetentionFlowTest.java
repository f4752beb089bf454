package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.Clocks;
import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch events past {@code webhooks.retention-days} on a running gateway whose clock the test moves
 * a month on: the worker removes them, and a client still holding one as its {@code after} goes on
 * from the oldest event kept.
 */
class WatchRetentionFlowTest {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final CreatorTimelines timelines = new CreatorTimelines(10);
  private final Clocks.Movable clock = Clocks.movable();
  private WebhookReceiver receiver;
  private TestGateway gw;
  private WatchClient watches;

  @BeforeEach
  void start() {
    timelines.creator(CREATOR, 5, 0);
    receiver = WebhookReceiver.start();
    gw =
        TestGateway.start(
            dir,
            clock,
            WatchClient.quickSettings(Map.of("webhooks.retention-days", "30")),
            List.of(timelines));
    String account = gw.createAccount("watcher", 1000, 100_000);
    watches = new WatchClient(gw, gw.createKey(account));
  }

  @AfterEach
  void stop() {
    gw.close();
    receiver.close();
  }

  @Test
  void eventsDeliveredAMonthAgo_areRemoved_andAnAfterNamingOneGoesOnFromTheOldestKept() {
    String hooked =
        watches.create(WatchClient.body(CREATOR, receiver.url("/hook"))).path("watch_id").asText();
    String pullOnly = watches.create(WatchClient.body(CREATOR, null)).path("watch_id").asText();
    watches.awaitFirstPoll(hooked);
    watches.awaitFirstPoll(pullOnly);
    String one = timelines.post(CREATOR, "one");
    String two = timelines.post(CREATOR, "two");
    watches.poll(hooked);
    List<JsonNode> old =
        Eventually.until(
            "both events delivered",
            WAIT,
            () -> watches.events(hooked),
            list ->
                list.size() == 2
                    && list.stream()
                        .allMatch(
                            e -> e.path("delivery").path("status").asText().equals("delivered")));
    String first = old.get(0).path("event_id").asText();
    String second = old.get(1).path("event_id").asText();
    // The watch without a URL has lost nothing: an after it does not know is still refused.
    assertThat(events(pullOnly, "?after=" + first).status()).isEqualTo(400);

    clock.advance(Duration.ofDays(31));
    Eventually.until(
        "the delivered events removed", WAIT, () -> watches.events(hooked), List::isEmpty);
    String third = timelines.post(CREATOR, "three");
    watches.poll(hooked);

    for (String after : List.of(first, second, "evt_neverAnEventOfThisWatch0")) {
      List<JsonNode> page = watches.eventsPage(hooked, "?after=" + after).events();
      assertThat(page)
          .as("after %s", after)
          .extracting(e -> e.path("data").path("note").path("id").asText())
          .containsExactly(third);
    }
    String kept = watches.events(hooked).getFirst().path("event_id").asText();
    assertThat(watches.eventsPage(hooked, "?after=" + kept).events()).isEmpty();
    // The notes seen are kept: the first two are not announced again.
    assertThat(gw.gateway().watches().seen(hooked, List.of(one, two)))
        .containsExactlyInAnyOrder(one, two);
    assertThat(watches.get(hooked).path("notes_seen").asLong()).isEqualTo(8);
    assertThat(events(pullOnly, "?after=" + first).status()).isEqualTo(400);
  }

  private TestGateway.Reply events(String watchId, String query) {
    return watches.call("GET", "/openapi/v1/watches/" + watchId + "/events" + query, null);
  }
}
