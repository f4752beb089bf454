package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import dev.xhsopenapi.server.watch.WatchStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A customer's creator watch from creation to deletion, in headless Chromium against a gateway
 * whose source is a scripted timeline and whose watch worker runs every 20 ms.
 */
class WatchesConsoleBrowserTest {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";
  private static final String PASSWORD = "长城 correct horse battery";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static final CreatorTimelines timelines = new CreatorTimelines(10);
  private static WebhookReceiver receiver;
  private static TestGateway gw;
  private static Browser browser;

  @BeforeAll
  static void start() {
    timelines.creator(CREATOR, 12, 1);
    receiver = WebhookReceiver.start();
    gw =
        TestGateway.start(
            dir,
            Clock.systemUTC(),
            Map.of(
                "watches.tick-ms", "20",
                "watches.min-interval-s", "1",
                "webhooks.allow-private", "true",
                "webhooks.retry-initial-ms", "20",
                "upstream.cache.ttl-s", "0"),
            List.of(timelines));
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    try {
      browser.close();
    } finally {
      gw.close();
      receiver.close();
    }
  }

  @Test
  void customer_createsAWatch_copiesItsSecret_seesADeliveredEvent_andDeletesIt() {
    String account = gw.createAccount("小红薯数据 Acme", 1000, 300);
    browser.open(gw.baseUrl() + Customers.invite(gw, account, "ops@acme.io"));
    browser.type("#password", PASSWORD);
    browser.type("#confirm", PASSWORD);
    browser.clickAndWait("#set-password");

    browser.clickAndWait("nav a[href='/console/watches']");
    assertThat(browser.text("#no-watches")).contains("No watches yet");
    browser.type("#watch-user", CREATOR);
    browser.type("#watch-url", receiver.url("/xhs"));
    browser.type("#watch-interval", "600");
    browser.clickAndWait("#create-watch");
    String secret = browser.text("#new-secret");
    assertThat(secret).matches("whsec_[0-9A-Za-z]{32}");
    String watchId = browser.text("#new-watch");
    browser.find("#copy-secret").click();
    assertThat(browser.text("#watches")).contains(watchId).contains("10 min");
    browser.screenshot("watches-created");

    browser.clickAndWait("#new-watch");
    assertThat(browser.path()).isEqualTo("/console/watches/" + watchId);
    assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    Eventually.until(
        "the baseline poll",
        WAIT,
        () -> store().find(watchId).orElseThrow(),
        w -> w.lastPollAtMs() != null);

    receiver.answer(503);
    String noteId = timelines.post(CREATOR, "春天的第一篇笔记");
    browser.clickAndWait("#poll-now");
    assertThat(browser.text("#notice")).contains("polled now");
    Eventually.until(
        "the event delivered on the second attempt",
        WAIT,
        () -> {
          browser.open(gw.baseUrl() + "/console/watches/" + watchId);
          return browser.driver().findElements(By.cssSelector("#events .tag.delivered")).size();
        },
        n -> n == 1);
    assertThat(browser.text("#events")).contains(noteId).contains("春天的第一篇笔记");
    assertThat(browser.text("#events tr.attempts")).contains("HTTP 503").contains("HTTP 200");
    assertThat(browser.text("#notes-seen")).isEqualTo("13");
    browser.screenshot("watch-events");
    browser.size(390, 844);
    browser.screenshot("watch-events-phone");
    browser.size(1280, 1000);

    browser.clickConfirmAndWait("#delete-watch");
    assertThat(browser.path()).isEqualTo("/console/watches?deleted=" + watchId);
    assertThat(browser.text("#notice")).contains(watchId);
    assertThat(browser.text("#no-watches")).contains("No watches yet");
    assertThat(store().find(watchId)).isEmpty();
  }

  private static WatchStore store() {
    return gw.gateway().watches();
  }
}
