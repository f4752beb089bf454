package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.Clocks;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A customer's whole visit, in headless Chromium against a real gateway and the simulator. */
class CustomerConsoleBrowserTest {
  private static final String USER = SimDataset.generate(1).users().get(0).userId();
  private static final String PASSWORD = "长城 correct horse battery";

  @TempDir static Path dir;
  private static TestGateway gw;
  private static Browser browser;

  @BeforeAll
  static void start() {
    // On one day however near midnight it runs: the overview counts today's calls.
    gw =
        TestGateway.start(dir, Clocks.runningFrom(Instant.parse("2026-11-01T08:00:00Z")), Map.of());
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    try {
      browser.close();
    } finally {
      gw.close();
    }
  }

  @Test
  void customer_setsAPassword_createsAKey_usesIt_seesTheCall_andRevokesIt() {
    String account = gw.createAccount("小红薯数据 Acme", 1000, 300);
    String link = Customers.invite(gw, account, "ops@acme.io");

    browser.open(gw.baseUrl() + link);
    assertThat(browser.text("#welcome-email")).isEqualTo("ops@acme.io");
    browser.type("#password", PASSWORD);
    browser.type("#confirm", PASSWORD);
    browser.screenshot("welcome");
    browser.clickAndWait("#set-password");
    assertThat(browser.path()).isEqualTo("/console");
    assertThat(browser.text("#balance")).isEqualTo("1,000");

    browser.clickAndWait("nav a[href='/console/keys']");
    browser.type("#key-name", "prod");
    browser.clickAndWait("#create-key");
    String key = browser.text("#new-key");
    assertThat(key).matches("sk_live_[0-9A-Za-z]{32}");
    browser.find("#copy-key").click();
    browser.screenshot("keys-created");

    Reply ok = gw.notes(key, USER, null);
    assertThat(ok.status()).isEqualTo(200);
    Reply bad = gw.notes(key, "nope", null);
    assertThat(bad.status()).isEqualTo(400);

    browser.clickAndWait("nav a[href='/console']");
    assertThat(browser.text("#balance")).isEqualTo("999");
    assertThat(browser.text("#calls-today")).isEqualTo("2");
    assertThat(browser.text("#curl")).contains(key.substring(0, 12) + "…").doesNotContain(key);
    assertThat(browser.driver().findElements(By.cssSelector("#usage-chart rect.calls")))
        .hasSize(CustomerPages.CHART_DAYS);
    browser.screenshot("overview");
    browser.size(390, 844);
    browser.open(gw.baseUrl() + "/console");
    browser.screenshot("overview-phone");
    browser.size(1280, 1000);

    browser.clickAndWait("nav a[href='/console/requests']");
    String okId = ok.header("X-Request-Id");
    String badId = bad.header("X-Request-Id");
    assertThat(browser.text("#requests")).contains(okId).contains(badId);
    browser.screenshot("requests");
    new Select(browser.find("#status")).selectByValue("4xx");
    browser.clickAndWait("#filter");
    assertThat(browser.text("#requests")).contains(badId).doesNotContain(okId);
    new Select(browser.find("#status")).selectByValue("");
    browser.type("#q", okId.substring(0, 13));
    browser.clickAndWait("#filter");
    assertThat(browser.text("#requests")).contains(okId).doesNotContain(badId);

    browser.clickAndWait("nav a[href='/console/keys']");
    assertThat(browser.text("#keys")).contains(key.substring(0, 12)).doesNotContain(key);
    browser.clickConfirmAndWait("#keys button.danger");
    assertThat(browser.text("#notice")).contains(key.substring(0, 12));
    assertThat(browser.text("#keys")).contains("revoked");
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(401);
    browser.screenshot("keys");

    browser.clickAndWait("#signout");
    assertThat(browser.path()).isEqualTo("/console/login");
    browser.open(gw.baseUrl() + "/console");
    assertThat(browser.path()).isEqualTo("/console/login");
    browser.type("#email", "ops@acme.io");
    browser.type("#password", "not the password");
    browser.clickAndWait("#signin");
    assertThat(browser.text("#error")).contains("Wrong email or password");
    browser.type("#password", PASSWORD);
    browser.screenshot("login");
    browser.clickAndWait("#signin");
    assertThat(browser.path()).isEqualTo("/console");
    assertThat(browser.text("#balance")).isEqualTo("999");
  }
}
