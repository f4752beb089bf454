package dev.xhsopenapi.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.GatewayExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code admin account set} against a real gateway: set, show, remove, and refusals. */
class AccountSetCommandTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().withoutAccount().build();

  private Cli.Result admin(String... args) {
    List<String> all = new ArrayList<>(List.of("admin"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", gw.baseUrl(), "--admin-token", gw.adminToken()));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void set_changesTheRules_printsTheSecretOnce_andNoneRemovesThem() {
    String account = gw.createAccount("spender", 100, 300);

    Cli.Result set =
        admin(
            "account",
            "set",
            account,
            "--daily-cap",
            "5000",
            "--low-balance-threshold",
            "20",
            "--webhook-url",
            "https://hooks.example.com/xhs");

    assertThat(set.exit()).as(set.toString()).isZero();
    assertThat(set.out())
        .containsPattern("(?m)^daily_credit_cap +5000$")
        .containsPattern("(?m)^low_balance_threshold +20$")
        .containsPattern("(?m)^webhook_url +https://hooks\\.example\\.com/xhs$")
        .containsPattern("(?m)^webhook_secret +whsec_\\w+$")
        .contains("not shown again");
    JsonNode stored = gw.adminOk("GET", "/admin/v1/accounts/" + account, null);
    assertThat(stored.get("daily_credit_cap").asLong()).isEqualTo(5000);
    assertThat(stored.get("low_balance_threshold").asLong()).isEqualTo(20);
    assertThat(stored.get("webhook_url").asText()).isEqualTo("https://hooks.example.com/xhs");

    // Only the options given change; the secret is not shown when the URL is not new.
    Cli.Result capOnly = admin("account", "set", account, "--daily-cap", "none");
    assertThat(capOnly.exit()).as(capOnly.toString()).isZero();
    assertThat(capOnly.out())
        .containsPattern("(?m)^daily_credit_cap +-$")
        .containsPattern("(?m)^low_balance_threshold +20$")
        .doesNotContain("webhook_secret");

    Cli.Result show = admin("account", "show", account);
    assertThat(show.out())
        .containsPattern("(?m)^daily_credit_cap +-$")
        .containsPattern("(?m)^webhook_url +https://hooks\\.example\\.com/xhs$")
        .doesNotContain("whsec_");

    JsonNode removed =
        Dataset.read(
            admin(
                    "account",
                    "set",
                    account,
                    "--low-balance-threshold",
                    "none",
                    "--webhook-url",
                    "none",
                    "--json")
                .out());
    assertThat(removed.get("low_balance_threshold").isNull()).isTrue();
    assertThat(removed.get("webhook_url").isNull()).isTrue();
    assertThat(removed.has("webhook_secret")).isFalse();
  }

  @Test
  void set_refusals_sayWhyAndExitNonZero() {
    String account = gw.createAccount("strict", 0, 300);

    Cli.Result nothing = admin("account", "set", account);
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).contains("give --daily-cap, --low-balance-threshold and/or");

    Cli.Result zero = admin("account", "set", account, "--daily-cap", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--daily-cap must be a whole number of credits of at least 1");

    Cli.Result words = admin("account", "set", account, "--low-balance-threshold", "lots");
    assertThat(words.exit()).isEqualTo(2);
    assertThat(words.err()).contains("or none; got 'lots'");

    Cli.Result badUrl = admin("account", "set", account, "--webhook-url", "ftp://x/y");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err())
        .contains("webhook_url must be an absolute http:// or https:// URL")
        .containsPattern("request_id [0-9a-f-]{36}");

    Cli.Result missing = admin("account", "set", "acc_nobody", "--daily-cap", "10");
    assertThat(missing.exit()).isEqualTo(4);
    assertThat(missing.err()).contains("there is no account acc_nobody");

    Cli.Result badToken =
        Cli.run(
            "admin",
            "account",
            "set",
            account,
            "--daily-cap",
            "10",
            "--base-url",
            gw.baseUrl(),
            "--admin-token",
            "wrong");
    assertThat(badToken.exit()).isEqualTo(3);
    assertThat(badToken.err()).contains("invalid_admin_token");

    JsonNode untouched = gw.adminOk("GET", "/admin/v1/accounts/" + account, null);
    assertThat(untouched.get("daily_credit_cap").isNull()).isTrue();
  }
}
