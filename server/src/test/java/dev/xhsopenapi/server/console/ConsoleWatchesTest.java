package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import dev.xhsopenapi.server.watch.Watch;
import dev.xhsopenapi.server.watch.WatchEvent;
import dev.xhsopenapi.server.watch.WatchStatus;
import dev.xhsopenapi.server.watch.WatchStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer's creator watches in the console, and the operator's view of them, over HTTP against
 * a gateway whose source is a set of scripted timelines and whose worker runs every 20 ms.
 */
class ConsoleWatchesTest {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";
  private static final String PROLIFIC = "6a1b2c3d4e5f60718293a4b6";
  private static final String UNKNOWN = "7a1b2c3d4e5f60718293a4b7";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern EVENT_ROW = Pattern.compile("data-event-id=\"(evt_\\w+)\"");

  @TempDir Path dir;
  private final CreatorTimelines timelines = new CreatorTimelines(10);
  private WebhookReceiver receiver;
  private TestGateway gw;
  private String account;
  private ConsoleClient client;

  @BeforeEach
  void start() {
    timelines.creator(CREATOR, 25, 2);
    timelines.creator(PROLIFIC, 60, 0);
    receiver = WebhookReceiver.start();
    Map<String, String> settings =
        new LinkedHashMap<>(WatchClient.quickSettings(Map.of("watches.max-failures", "1")));
    gw = TestGateway.start(dir, Clock.systemUTC(), settings, List.of(timelines));
    account = gw.createAccount("watcher", 100, 300);
    client = Customers.signedUp(gw, account, "a@watcher.io");
  }

  @AfterEach
  void stop() {
    gw.close();
    receiver.close();
  }

  @Test
  void watchesPage_isForSignedInCustomers_andLinkedFromTheNav() {
    ConsoleClient.Page page = client.get("/console/watches");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<a href=\"/console/watches\" aria-current=\"page\">")
        .contains("id=\"no-watches\"");
    assertThat(client.get("/console").body()).contains("href=\"/console/watches\"");

    ConsoleClient anonymous = new ConsoleClient(gw.baseUrl());
    assertThat(anonymous.get("/console/watches").header("Location")).isEqualTo("/console/login");
    assertThat(anonymous.get("/console/watches/wch_x").header("Location"))
        .isEqualTo("/console/login");
    assertThat(
            anonymous
                .post("/console/watches", Map.of("user_id", CREATOR, "_csrf", page.csrf()))
                .status())
        .isEqualTo(403);
    assertThat(client.post("/console/watches", Map.of("user_id", CREATOR)).status()).isEqualTo(403);
    assertThat(store().list(account)).isEmpty();
  }

  @Test
  void createdWatch_showsItsSecretOnce_andItsEventsAndAttemptsAfterAPoll() throws Exception {
    receiver.answer(500);
    ConsoleClient.Page created = create(CREATOR, receiver.url("/hook"), "3600");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String watchId = created.find("id=\"new-watch\">(wch_[0-9A-Za-z]{20})<");
    String secret = created.find("id=\"new-secret\">(whsec_[0-9A-Za-z]{32})<");
    assertThat(created.body()).contains("it is not shown again");

    ConsoleClient.Page list = client.get("/console/watches");
    assertThat(list.body()).doesNotContain(secret).doesNotContain("new-secret");
    String row = row(list, watchId);
    assertThat(row)
        .contains("href=\"/console/watches/" + watchId + "\"")
        .contains(CREATOR)
        .contains(">active<")
        .contains(">1 h<")
        .contains(receiver.url("/hook"));

    Watch baseline = awaitWatch(watchId, w -> w.lastPollAtMs() != null);
    assertThat(baseline.notesSeen()).isEqualTo(25);
    ConsoleClient.Page quiet = client.get("/console/watches/" + watchId);
    assertThat(quiet.status()).isEqualTo(200);
    assertThat(quiet.body()).contains("id=\"no-events\"").doesNotContain(secret);
    assertThat(quiet.find("id=\"notes-seen\">([0-9,]+)<")).isEqualTo("25");

    String noteId = timelines.post(CREATOR, "长城 new note");
    String page = "/console/watches/" + watchId;
    ConsoleClient.Page polled = client.submit(page, page + "/poll", Map.of());
    assertThat(polled.status()).isEqualTo(303);
    assertThat(polled.header("Location")).isEqualTo(page + "?done=polled");
    assertThat(client.get(polled.header("Location")).body()).contains("id=\"notice\"");

    WatchEvent event =
        Eventually.until(
                "the new note delivered on the second attempt",
                WAIT,
                () -> store().latestEvents(watchId, 10),
                events ->
                    events.size() == 1 && events.getFirst().delivery() == DeliveryStatus.DELIVERED)
            .getFirst();
    assertThat(event.attempts()).isEqualTo(2);

    ConsoleClient.Page shown = client.get(page);
    assertThat(shown.body()).contains("data-event-id=\"" + event.eventId() + "\"");
    String eventRow = shown.find("(?s)(<tr data-event-id=\"" + event.eventId() + "\">.*?</tr>)");
    assertThat(eventRow)
        .contains(">note.created<")
        .contains(noteId)
        .contains("长城 new note")
        .contains(">delivered<")
        .contains("<td>2</td>");
    String attempts =
        shown.find(
            "(?s)(<tr class=\"attempts\" data-attempts-of=\""
                + event.eventId()
                + "\">.*?</table>)");
    assertThat(attempts).containsSubsequence("<td>1</td>", "HTTP 500", "<td>2</td>", "HTTP 200");

    // The secret the console showed is the one the webhooks are signed with.
    WebhookReceiver.Received delivered = receiver.received().getLast();
    String header = delivered.header("XHS-Openapi-Signature");
    String t = header.substring(2, header.indexOf(','));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(header)
        .endsWith(
            "v1="
                + HexFormat.of()
                    .formatHex(
                        mac.doFinal(
                            (t + "." + delivered.body()).getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void watchPage_showsTheNewestFiftyEvents_newestFirst_andAPullOnlyWatchDeliversNothing() {
    String key = gw.createKey(account);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_id", PROLIFIC);
    body.put("emit_existing", true);
    body.put("max_pages_per_poll", 10);
    TestGateway.Reply r = gw.admin("POST", "/openapi/v1/watches", body, "Bearer " + key);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String watchId = r.json().path("data").path("watch_id").asText();
    awaitWatch(watchId, w -> w.notesSeen() == 60);

    assertThat(row(client.get("/console/watches"), watchId)).contains("pull only");
    ConsoleClient.Page page = client.get("/console/watches/" + watchId);
    List<String> shown = all(EVENT_ROW, page.body());
    assertThat(shown).hasSize(WatchPages.EVENTS_SHOWN);
    List<WatchEvent> newest = store().latestEvents(watchId, WatchPages.EVENTS_SHOWN);
    assertThat(shown).isEqualTo(newest.stream().map(WatchEvent::eventId).toList());
    assertThat(page.body())
        .containsSubsequence(
            "<span class=\"note-title\">note 59</span>",
            "<span class=\"note-title\">note 10</span>")
        .doesNotContain("<span class=\"note-title\">note 9</span>")
        .doesNotContain("data-attempts-of")
        .contains(">none<")
        .contains("id=\"watch-url\">仅拉取");
  }

  @Test
  void pollNow_reactivatesAPausedWatch_andDelete_removesIt() {
    ConsoleClient.Page created = create(UNKNOWN, "", "60");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String watchId = created.find("id=\"new-watch\">(wch_\\w+)<");
    Watch paused = awaitWatch(watchId, w -> w.status() == WatchStatus.PAUSED);
    assertThat(paused.lastError()).startsWith("user_not_found");

    String page = "/console/watches/" + watchId;
    ConsoleClient.Page shown = client.get(page);
    assertThat(shown.find("id=\"watch-status\">(\\w+)<")).isEqualTo("paused");
    assertThat(shown.find("id=\"last-error\">(.*?)</dd>")).contains("user_not_found");
    assertThat(shown.body()).contains(">watch.failed<");
    assertThat(row(client.get("/console/watches"), watchId))
        .contains(">paused<")
        .contains("user_not_found");

    // From the list, "poll now" comes back to the list; the watch is polled (and fails) again.
    ConsoleClient.Page polled =
        client.submit(
            "/console/watches", "/console/watches/" + watchId + "/poll", Map.of("from", "list"));
    assertThat(polled.status()).isEqualTo(303);
    assertThat(polled.header("Location")).isEqualTo("/console/watches?polled=" + watchId);
    assertThat(client.get(polled.header("Location")).find("id=\"notice\">([^<]+)<"))
        .contains(watchId);
    Eventually.until(
        "a second watch.failed event",
        WAIT,
        () -> store().latestEvents(watchId, 10),
        events -> events.size() == 2);

    ConsoleClient.Page deleted = client.submit("/console/watches", page + "/delete", Map.of());
    assertThat(deleted.status()).isEqualTo(303);
    assertThat(deleted.header("Location")).isEqualTo("/console/watches?deleted=" + watchId);
    ConsoleClient.Page after = client.get(deleted.header("Location"));
    assertThat(after.find("id=\"notice\">([^<]+)<")).contains(watchId);
    assertThat(after.body()).doesNotContain("data-watch-id=\"" + watchId);
    assertThat(store().find(watchId)).isEmpty();
    assertThat(client.get(page).status()).isEqualTo(404);
  }

  @Test
  void anotherAccountsWatch_isAnsweredAsIfItDidNotExist() {
    String other = gw.createAccount("other", 100, 300);
    String othersKey = gw.createKey(other);
    TestGateway.Reply r =
        gw.admin("POST", "/openapi/v1/watches", Map.of("user_id", CREATOR), "Bearer " + othersKey);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String othersWatch = r.json().path("data").path("watch_id").asText();
    awaitWatch(othersWatch, w -> w.lastPollAtMs() != null);

    assertThat(client.get("/console/watches").body()).doesNotContain(othersWatch);
    String path = "/console/watches/" + othersWatch;
    ConsoleClient.Page page = client.get(path);
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("There is no such watch").doesNotContain(CREATOR);
    assertThat(client.get("/console/watches/wch_unknown").status()).isEqualTo(404);
    Watch before = store().find(othersWatch).orElseThrow();
    assertThat(client.submit("/console/watches", path + "/poll", Map.of()).status()).isEqualTo(404);
    assertThat(client.submit("/console/watches", path + "/delete", Map.of()).status())
        .isEqualTo(404);
    assertThat(store().find(othersWatch)).contains(before);
  }

  @Test
  void refusedWatch_showsWhyWithTheFormStillFilled_andCreatesNothing() {
    ConsoleClient.Page badUser = create("not-a-user", "", "3600");
    assertThat(badUser.status()).isEqualTo(400);
    assertThat(badUser.find("id=\"error\">([^<]+)<")).contains("user_id");
    assertThat(badUser.body()).contains("value=\"not-a-user\"");

    ConsoleClient.Page badInterval = create(CREATOR, "", "an hour");
    assertThat(badInterval.status()).isEqualTo(400);
    assertThat(badInterval.find("id=\"error\">([^<]+)<")).contains("interval_s");
    assertThat(create(CREATOR, "", "604801").status()).isEqualTo(400);
    assertThat(create(CREATOR, "ftp://example.com/hook", "3600").status()).isEqualTo(400);
    assertThat(store().list(account)).isEmpty();

    gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("status", "suspended"));
    ConsoleClient.Page suspended = create(CREATOR, "", "3600");
    assertThat(suspended.status()).isEqualTo(403);
    assertThat(store().list(account)).isEmpty();
  }

  @Test
  void operatorAccountPage_listsTheAccountsWatches_withStatusAndLastError() {
    String failing = create(UNKNOWN, "", "60").find("id=\"new-watch\">(wch_\\w+)<");
    String fine =
        create(CREATOR, receiver.url("/hook"), "120").find("id=\"new-watch\">(wch_\\w+)<");
    awaitWatch(failing, w -> w.status() == WatchStatus.PAUSED);
    awaitWatch(fine, w -> w.lastPollAtMs() != null);

    ConsoleClient op = new ConsoleClient(gw.baseUrl());
    op.submit(
        "/console/operator/login",
        "/console/operator/login",
        Map.of("token", TestGateway.ADMIN_TOKEN));
    ConsoleClient.Page page = op.get("/console/operator/accounts/" + account);
    assertThat(page.status()).isEqualTo(200);
    assertThat(row(page, failing))
        .contains(">paused<")
        .contains("user_not_found")
        .contains(UNKNOWN);
    assertThat(row(page, fine))
        .contains(">active<")
        .contains(">2 min<")
        .contains(receiver.url("/hook"));
    // Read-only: the operator's page has no watch forms.
    assertThat(page.body()).doesNotContain("/console/watches/");

    String empty = gw.createAccount("nobody", 0, 300);
    assertThat(op.get("/console/operator/accounts/" + empty).body()).contains("id=\"no-watches\"");
    // Customers' watch pages are not the operator's.
    assertThat(op.get("/console/watches").header("Location")).isEqualTo("/console/login");
  }

  private ConsoleClient.Page create(String userId, String url, String interval) {
    return client.submit(
        "/console/watches",
        "/console/watches",
        Map.of("user_id", userId, "url", url, "interval_s", interval));
  }

  private WatchStore store() {
    return gw.gateway().watches();
  }

  private Watch awaitWatch(String watchId, Predicate<Watch> done) {
    return Eventually.until(
            "watch " + watchId,
            WAIT,
            () -> store().find(watchId),
            w -> w.isPresent() && done.test(w.get()))
        .orElseThrow();
  }

  /** The table row of the watch in the page. */
  private static String row(ConsoleClient.Page page, String watchId) {
    return page.find("(?s)(<tr data-watch-id=\"" + watchId + "\">.*?</tr>)");
  }

  private static List<String> all(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
