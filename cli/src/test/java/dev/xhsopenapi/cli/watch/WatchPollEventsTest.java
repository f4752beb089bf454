package dev.xhsopenapi.cli.watch;

import static dev.xhsopenapi.cli.watch.WatchApi.error;
import static dev.xhsopenapi.cli.watch.WatchApi.event;
import static dev.xhsopenapi.cli.watch.WatchApi.ok;
import static dev.xhsopenapi.cli.watch.WatchApi.page;
import static dev.xhsopenapi.cli.watch.WatchApi.watch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code watch poll} and {@code watch events} against a scripted gateway. */
class WatchPollEventsTest {
  private static final String BEFORE = "2026-11-30T11:30:00Z";
  private static final String AFTER = "2026-11-30T12:05:00Z";

  private final WatchApi api = new WatchApi();

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of("watch"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", api.baseUrl(), "--key", "sk_live_t"));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void poll_asksForAPollNow_andPrintsTheWatch() {
    api.then(202, ok(202, watch("wch_1", null, BEFORE, null)));

    Cli.Result r = cli("poll", "wch_1");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.lines()).containsExactly("POST /openapi/v1/watches/wch_1/poll");
    assertThat(api.requests().get(0).body()).isEmpty();
    assertThat(r.out()).containsPattern("(?m)^last_poll_at +" + BEFORE + "$");
  }

  @Test
  void pollWait_readsTheWatchAgain_untilLastPollAtChanges_thenPrintsIt() {
    api.then(202, ok(202, watch("wch_1", null, BEFORE, null)))
        .then(200, ok(200, watch("wch_1", null, AFTER, null)));

    Cli.Result r = cli("poll", "wch_1", "--wait");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.lines())
        .containsExactly("POST /openapi/v1/watches/wch_1/poll", "GET /openapi/v1/watches/wch_1");
    assertThat(r.out()).containsPattern("(?m)^last_poll_at +" + AFTER + "$");
  }

  @Test
  void pollWait_aPollThatEndsInAnError_exits5_sayingIt() {
    api.then(202, ok(202, watch("wch_1", null, null, null)))
        .then(200, ok(200, watch("wch_1", null, AFTER, "upstream_unavailable")));

    Cli.Result r = cli("poll", "wch_1", "--wait");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.out()).containsPattern("(?m)^last_error +upstream_unavailable$");
    assertThat(r.err()).contains("the poll ended with an error: upstream_unavailable");
  }

  @Test
  void pollWait_whenThePollDoesNotEndInTime_exits5() {
    api.then(202, ok(202, watch("wch_1", null, BEFORE, null)))
        .then(200, ok(200, watch("wch_1", null, BEFORE, null)));

    Cli.Result r = cli("poll", "wch_1", "--wait", "--timeout-s", "1");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).contains("did not end within 1 s");
    assertThat(api.lines())
        .startsWith("POST /openapi/v1/watches/wch_1/poll", "GET /openapi/v1/watches/wch_1");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void poll_ofAnUnknownWatch_exits4_andATimeoutWithoutWait_exits2() {
    api.then(404, error(404, "watch_not_found"));

    Cli.Result unknown = cli("poll", "wch_9");
    Cli.Result noWait = cli("poll", "wch_9", "--timeout-s", "5");

    assertThat(unknown.exit()).isEqualTo(4);
    assertThat(unknown.err()).contains("watch_not_found");
    assertThat(noWait.exit()).isEqualTo(2);
    assertThat(noWait.err()).contains("--timeout-s needs --wait");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void events_printEveryEvent_asJsonLines_followingNext_untilItIsNull() {
    api.then(200, page("evt_2", event("evt_1", "n1"), event("evt_2", "n2")))
        .then(200, page(null, event("evt_3", "n3")));

    Cli.Result r = cli("events", "wch_1");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<JsonNode> events = r.out().lines().map(Dataset::read).toList();
    assertThat(events)
        .extracting(e -> e.get("event_id").asText())
        .containsExactly("evt_1", "evt_2", "evt_3");
    assertThat(events.get(0)).isEqualTo(Dataset.read(event("evt_1", "n1")));
    assertThat(api.lines())
        .containsExactly(
            "GET /openapi/v1/watches/wch_1/events?limit=100",
            "GET /openapi/v1/watches/wch_1/events?after=evt_2&limit=100");
  }

  @Test
  void events_afterAndLimit_askFromThereForNoMoreThanNeeded() {
    api.then(200, page("evt_6", event("evt_5", "n5"), event("evt_6", "n6")));

    Cli.Result r = cli("events", "wch_1", "--after", "evt_4", "--limit", "2");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().lines()).hasSize(2);
    assertThat(api.lines())
        .containsExactly("GET /openapi/v1/watches/wch_1/events?after=evt_4&limit=2");
  }

  @Test
  void eventsFollow_asksAgainAfterTheLastEvent_andPrintsNewOnesAsTheyCome() {
    api.then(200, page(null, event("evt_1", "n1")))
        .then(200, page(null))
        .then(200, page(null, event("evt_2", "n2")));

    Cli.Result r = cli("events", "wch_1", "--follow", "--every-s", "1", "--limit", "2");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().lines().map(Dataset::read).map(e -> e.get("event_id").asText()))
        .containsExactly("evt_1", "evt_2");
    assertThat(api.lines())
        .containsExactly(
            "GET /openapi/v1/watches/wch_1/events?limit=2",
            "GET /openapi/v1/watches/wch_1/events?after=evt_1&limit=1",
            "GET /openapi/v1/watches/wch_1/events?after=evt_1&limit=1");
    assertThat(r.err()).contains("following wch_1 every 1 s; Ctrl-C to stop");
  }

  @Test
  void events_anAfterOfAnotherWatch_exits2_quotingTheGateway() {
    api.then(400, error(400, "invalid_param"));

    Cli.Result r = cli("events", "wch_1", "--after", "evt_x");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("invalid_param").contains("request_id req-err");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void events_badOptions_areUsageErrors_beforeAnyCall() {
    assertThat(cli("events", "wch_1", "--every-s", "5").exit()).isEqualTo(2);
    assertThat(cli("events", "wch_1", "--limit", "0").exit()).isEqualTo(2);
    Cli.Result after = cli("events", "wch_1", "--after", "wch_2");
    assertThat(after.exit()).isEqualTo(2);
    assertThat(after.err()).contains("starts with evt_");
    assertThat(api.requests()).isEmpty();
  }
}
