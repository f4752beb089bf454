package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.AppUpstream;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's visit, in headless Chromium against a gateway whose upstream is the App client over
 * the simulator's HTTP server, so that the upstream page has sessions to show.
 */
class OperatorConsoleBrowserTest {
  private static final SimDataset DATASET = SimDataset.generate(1);

  @TempDir static Path dir;
  private static AppUpstream sim;
  private static TestGateway gw;
  private static Browser browser;

  @BeforeAll
  static void start() throws IOException {
    sim = new AppUpstream(DATASET);
    gw = TestGateway.start(dir.resolve("g"), Clock.systemUTC(), sim.settings(dir, 2, 0));
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    try {
      browser.close();
    } finally {
      gw.close();
      sim.close();
    }
  }

  @Test
  void operator_findsAnAccount_topsItUp_suspendsIt_andSeesUpstreamHealth() {
    String account = gw.createAccount("Acme 数据", 1000, 300);
    gw.createAccount("Other", 5, 300);
    String key = gw.createKey(account);
    String user = DATASET.users().get(0).userId();
    assertThat(gw.notes(key, user, null).status()).isEqualTo(200);

    browser.open(gw.baseUrl() + "/console/operator");
    assertThat(browser.path()).isEqualTo("/console/operator/login");
    browser.type("#token", "wrong token");
    browser.clickAndWait("#operator-signin");
    assertThat(browser.text("#error")).contains("Wrong admin token");
    browser.type("#token", TestGateway.ADMIN_TOKEN);
    browser.screenshot("operator-login");
    browser.clickAndWait("#operator-signin");
    assertThat(browser.path()).isEqualTo("/console/operator");
    assertThat(browser.text("#accounts")).contains(account).contains("Other");
    browser.screenshot("operator-accounts");

    browser.type("#q", "acme");
    browser.clickAndWait("#search");
    assertThat(browser.text("#accounts")).contains(account).doesNotContain("Other");
    browser.clickAndWait("#accounts a[href='/console/operator/accounts/" + account + "']");

    browser.type("#amount", "500");
    browser.type("#reason", "invoice 42");
    browser.clickAndWait("#top-up");
    assertThat(browser.text("#balance")).isEqualTo("1,499");
    assertThat(gw.balance(account)).isEqualTo(1499);

    browser.clickConfirmAndWait("#suspend");
    assertThat(browser.text("#account-status")).isEqualTo("suspended");
    assertThat(gw.notes(key, user, null).status()).isEqualTo(403);
    browser.screenshot("operator-account");
    browser.clickAndWait("#activate");
    assertThat(browser.text("#account-status")).isEqualTo("active");
    assertThat(gw.notes(key, user, null).status()).isEqualTo(200);

    browser.clickAndWait("nav a[href='/console/operator/upstream']");
    assertThat(browser.text("#sources")).contains("xhs-app").contains("closed");
    assertThat(browser.text("#sessions")).contains("s1").contains("s2").contains("active");
    browser.screenshot("operator-upstream");
  }
}
