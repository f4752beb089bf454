package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import dev.xhsopenapi.server.watch.AccountEvent;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view of an account's webhook settings and its own webhook events ({@code
 * account.low_balance}) with every delivery attempt, over HTTP against a real gateway.
 */
class ConsoleAccountEventsTest {
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
        Map.of("low_balance_threshold", 3, "webhook_url", url, "daily_credit_cap", 1500));
    return new String[] {account, gw.createKey(account)};
  }

  /** Three charges take the balance from 5 to 2, under the threshold: one event. */
  private void cross(TestGateway gw, String key) {
    for (int i = 0; i < 3; i++) {
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
    }
  }

  private static ConsoleClient operator(TestGateway gw) {
    ConsoleClient op = new ConsoleClient(gw.baseUrl());
    ConsoleClient.Page in =
        op.submit(
            "/console/operator/login",
            "/console/operator/login",
            Map.of("token", TestGateway.ADMIN_TOKEN));
    assertThat(in.status()).isEqualTo(303);
    return op;
  }

  private static List<AccountEvent> events(TestGateway gw, String account) {
    return gw.gateway().watches().latestAccountEvents(account, 10);
  }

  @Test
  void aReceiverThatFailsThenAnswers200_showsTheEventDelivered_withBothAttemptsInItsHistory() {
    try (TestGateway gw =
            TestGateway.start(dir, Clock.systemUTC(), WatchClient.quickSettings(Map.of()));
        WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(500);
      String url = receiver.url("/hook");
      String[] acc = account(gw, "flaky", url);
      cross(gw, acc[1]);
      AccountEvent event =
          Eventually.until(
                  "the delivered attempt recorded",
                  WAIT,
                  () -> events(gw, acc[0]),
                  e -> e.size() == 1 && e.getFirst().status() == DeliveryStatus.DELIVERED)
              .getFirst();

      ConsoleClient.Page page = operator(gw).get("/console/operator/accounts/" + acc[0]);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.find("id=\"webhook-url\"><span class=\"mono\">([^<]+)<")).isEqualTo(url);
      assertThat(page.find("id=\"low-balance-threshold\">([^<]+)<")).isEqualTo("3");
      assertThat(page.find("id=\"daily-cap\">([^<]+)<")).isEqualTo("1,500");
      assertThat(page.body())
          .doesNotContain("id=\"no-webhook-url\"")
          .doesNotContain("id=\"no-account-events\"");

      String row = page.find("(?s)(<tr data-event-id=\"" + event.eventId() + "\">.*?</tr>)");
      assertThat(row)
          .contains(">account.low_balance<")
          .contains(Formats.time(event.createdAtMs()))
          .contains(">delivered<")
          .contains("<td>2</td>")
          .contains(">HTTP 200<");
      String history =
          page.find(
              "(?s)(<tr class=\"attempts\" data-attempts-of=\""
                  + event.eventId()
                  + "\">.*?</details>)");
      assertThat(history)
          .contains("<details>")
          .containsSubsequence(
              "<td>1</td>",
              Formats.time(event.history().get(0).atMs()),
              event.history().get(0).node(),
              "HTTP 500",
              "<td>2</td>",
              Formats.time(event.history().get(1).atMs()),
              "HTTP 200");
    }
  }

  @Test
  void anAccountWithoutAWebhookUrl_saysSoInOneLine_withoutATable() {
    try (TestGateway gw = TestGateway.start(dir, new MutableClock(T0), Map.of())) {
      String account = gw.createAccount("quiet", 5, 300);
      gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("low_balance_threshold", 3));
      cross(gw, gw.createKey(account));

      ConsoleClient op = operator(gw);
      ConsoleClient.Page page = op.get("/console/operator/accounts/" + account);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.find("id=\"webhook-url\">([^<]+)<")).isEqualTo("无 ");
      assertThat(page.find("id=\"low-balance-threshold\">([^<]+)<")).isEqualTo("3");
      assertThat(page.find("id=\"daily-cap\">([^<]+)<")).isEqualTo("—");
      assertThat(page.body())
          .contains("id=\"no-webhook-url\"")
          .contains("No webhook URL")
          .doesNotContain("id=\"account-events\"")
          .doesNotContain("id=\"no-account-events\"");

      // With a URL and nothing sent yet, the page says there are no events.
      String other = gw.createAccount("fresh", 5, 300);
      gw.adminOk(
          "PATCH",
          "/admin/v1/accounts/" + other,
          Map.of("webhook_url", "https://hooks.example.com/x"));
      ConsoleClient.Page fresh = op.get("/console/operator/accounts/" + other);
      assertThat(fresh.body())
          .contains("id=\"no-account-events\"")
          .doesNotContain("id=\"no-webhook-url\"")
          .doesNotContain("id=\"account-events\"");
      assertThat(fresh.find("id=\"low-balance-threshold\">([^<]+)<")).isEqualTo("—");
    }
  }

  @Test
  void anErrorWithHtmlInIt_isShownEscaped() {
    MutableClock clock = new MutableClock(T0);
    // The first attempt fails at once; the next is due a minute later, which the frozen clock
    // never reaches: the delivery stays with the store until this test records its attempt.
    Map<String, String> settings =
        WatchClient.quickSettings(
            Map.of("webhooks.retry-initial-ms", "60000", "webhooks.retry-for-s", "600"));
    String closedUrl;
    try (WebhookReceiver closed = WebhookReceiver.start()) {
      closedUrl = closed.url("/hook");
    }
    try (TestGateway gw = TestGateway.start(dir, clock, settings)) {
      String[] acc = account(gw, "hostile", closedUrl);
      cross(gw, acc[1]);
      AccountEvent pending =
          Eventually.until(
                  "the first attempt recorded",
                  WAIT,
                  () -> events(gw, acc[0]),
                  e -> e.size() == 1 && e.getFirst().attempts() == 1)
              .getFirst();
      assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);

      WatchStore store = gw.gateway().watches();
      long later = T0.plusSeconds(120).toEpochMilli();
      WatchStore.Delivery delivery =
          store.claimDeliveries("test-node", later, 60_000, 10).stream()
              .filter(d -> d.eventId().equals(pending.eventId()))
              .findFirst()
              .orElseThrow();
      String hostile = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>";
      assertThat(
              store.recordAttempt(
                  "test-node",
                  delivery,
                  new WatchStore.Attempt(2, later, null, hostile, 5, DeliveryStatus.FAILED, 0)))
          .isTrue();

      ConsoleClient.Page page = operator(gw).get("/console/operator/accounts/" + acc[0]);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body())
          .doesNotContain("<script>alert")
          .doesNotContain("<img src=x")
          .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src");
      String row = page.find("(?s)(<tr data-event-id=\"" + pending.eventId() + "\">.*?</tr>)");
      assertThat(row).contains(">failed<").contains("<td>2</td>").contains("&lt;script&gt;");
      assertThat(
              page.find(
                  "(?s)(<tr class=\"attempts\" data-attempts-of=\""
                      + pending.eventId()
                      + "\">.*?</details>)"))
          .containsSubsequence("could not reach the receiver", "test-node", "&lt;script&gt;");
    }
  }

  @Test
  void aCustomerSession_cannotSeeTheOperatorsAccountPage() {
    try (TestGateway gw =
            TestGateway.start(dir, Clock.systemUTC(), WatchClient.quickSettings(Map.of()));
        WebhookReceiver receiver = WebhookReceiver.start()) {
      String[] acc = account(gw, "curious", receiver.url("/hook"));
      cross(gw, acc[1]);
      Eventually.until(
          "the event delivered",
          WAIT,
          () -> events(gw, acc[0]),
          e -> e.size() == 1 && e.getFirst().status() == DeliveryStatus.DELIVERED);
      String eventId = events(gw, acc[0]).getFirst().eventId();

      ConsoleClient customer = Customers.signedUp(gw, acc[0], "a@curious.io");
      ConsoleClient.Page page = customer.get("/console/operator/accounts/" + acc[0]);
      assertThat(page.status()).isEqualTo(303);
      assertThat(page.header("Location")).isEqualTo("/console/operator/login");
      assertThat(page.body()).doesNotContain(eventId).doesNotContain(receiver.url("/hook"));
      assertThat(operator(gw).get("/console/operator/accounts/" + acc[0]).body()).contains(eventId);
    }
  }
}
