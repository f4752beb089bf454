package dev.xhsopenapi.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.sdk.AuthenticationException;
import dev.xhsopenapi.sdk.NotesPage;
import dev.xhsopenapi.sdk.RetryPolicy;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.Clocks;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code admin} commands against a real gateway: tables, {@code --json}, and refusals. */
class AdminCommandTest {
  private static final String USER = SimDataset.generate(1).users().get(0).userId();

  /** The gateway's day, whenever the test runs: its usage is counted by UTC day. */
  private static final String TODAY = "2026-11-01";

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .clock(Clocks.runningFrom(Instant.parse(TODAY + "T08:00:00Z")))
          .withoutAccount()
          .build();

  private Cli.Result admin(String... args) {
    List<String> all = new ArrayList<>(List.of("admin"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", gw.baseUrl(), "--admin-token", gw.adminToken()));
    return Cli.run(all.toArray(String[]::new));
  }

  private static JsonNode json(Cli.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return Dataset.read(r.out());
  }

  @Test
  void accountCreate_printsAnAlignedTable_orTheServersJson() {
    Cli.Result table = admin("account", "create", "--name", "小红 shop", "--credits", "500");

    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out())
        .containsPattern("(?m)^account_id             acc_\\w+$")
        .containsPattern("(?m)^name                   小红 shop$")
        .containsPattern("(?m)^balance                500$")
        .containsPattern("(?m)^rate_limit_per_minute  300$")
        .containsPattern("(?m)^status                 active$");

    JsonNode created =
        json(admin("account", "create", "--name", "api", "--rate-limit", "60", "--json"));
    assertThat(created.get("name").asText()).isEqualTo("api");
    assertThat(created.get("rate_limit_per_minute").asInt()).isEqualTo(60);
    assertThat(created.get("balance").asLong()).isZero();
  }

  @Test
  void keyCreateWithRules_andRoll_roundTripThroughTheServer() {
    String account =
        json(admin("account", "create", "--name", "rules", "--credits", "10", "--json"))
            .get("account_id")
            .asText();
    JsonNode scoped =
        json(
            admin(
                "key",
                "create",
                account,
                "--scope",
                "xhs-get-user-notes",
                "--scope",
                "mcp",
                "--rate-limit",
                "5",
                "--daily-cap",
                "3",
                "--json"));
    String keyId = scoped.get("key_id").asText();
    Cli.Result rolled = admin("key", "roll", keyId, "--expire-old-in", "3600");
    assertThat(rolled.exit()).isZero();
    assertThat(rolled.out())
        .contains("not shown again")
        .containsPattern("key +sk_live_\\w{32}")
        .contains("old_key_expires_at");
    JsonNode keys = json(admin("account", "show", account, "--json")).get("keys");
    boolean oldFirst = keys.get(0).get("key_id").asText().equals(keyId);
    JsonNode old = keys.get(oldFirst ? 0 : 1);
    JsonNode replacement = keys.get(oldFirst ? 1 : 0);
    assertThat(old.get("replaced_by").asText()).isEqualTo(replacement.get("key_id").asText());
    assertThat(replacement.get("scopes").toString()).isEqualTo("[\"xhs-get-user-notes\",\"mcp\"]");
    assertThat(replacement.get("rate_limit_per_minute").asInt()).isEqualTo(5);
    assertThat(replacement.get("daily_credit_cap").asLong()).isEqualTo(3);
    assertThat(admin("key", "roll", keyId, "--expire-old-in", "999999").exit()).isNotZero();
  }

  @Test
  void keysCreditsSuspensionUsageAndRequests_roundTripThroughTheServer() {
    String account =
        json(admin("account", "create", "--name", "acme", "--credits", "10", "--json"))
            .get("account_id")
            .asText();

    Cli.Result keyTable = admin("key", "create", account, "--name", "prod");
    assertThat(keyTable.out()).contains("not shown again").containsPattern("key +sk_live_\\w{32}");
    JsonNode key =
        json(admin("key", "create", account, "--expires-at", "2099-01-01T00:00:00Z", "--json"));
    String secret = key.get("key").asText();

    NotesPage page;
    try (XhsOpenApiClient client =
        XhsOpenApiClient.builder()
            .baseUrl(gw.baseUrl())
            .apiKey(secret)
            .retryPolicy(RetryPolicy.NONE)
            .build()) {
      page = client.page(USER, "");

      Cli.Result credits = admin("credits", "add", account, "90", "--reason", "invoice 7");
      assertThat(credits.out()).containsPattern("(?m)^balance +99$");

      Cli.Result show = admin("account", "show", account);
      assertThat(show.out())
          .contains("KEY_ID")
          .contains("LAST_USED_AT")
          .contains("prod")
          .contains(key.get("prefix").asText())
          .contains("2099-01-01T00:00:00Z");

      assertThat(admin("account", "suspend", account).out()).containsPattern("status +suspended");
      assertThat(json(admin("account", "activate", account, "--json")).get("status").asText())
          .isEqualTo("active");

      Cli.Result revoked = admin("key", "revoke", key.get("key_id").asText());
      assertThat(revoked.exit()).isZero();
      assertThat(revoked.out()).contains("revoked " + key.get("key_id").asText());
      assertThatThrownBy(() -> client.page(USER, "")).isInstanceOf(AuthenticationException.class);
    }

    JsonNode request = json(admin("request", page.requestId(), "--json"));
    assertThat(request.get("account_id").asText()).isEqualTo(account);
    assertThat(request.get("status").asInt()).isEqualTo(200);
    assertThat(request.get("charged").asLong()).isEqualTo(1);
    assertThat(admin("request", page.requestId()).out())
        .containsPattern("(?m)^user_id +" + USER + "$");

    Cli.Result usage = admin("usage", account, "--from", TODAY, "--to", TODAY);
    assertThat(usage.out())
        .containsPattern("(?m)^charged +1$")
        .containsPattern("(?m)^DAY +CALLS +CHARGED +ERRORS$")
        .containsPattern("(?m)^" + TODAY + " +\\d+ +1 +\\d+$")
        .containsPattern("(?m)^200 +1$");
    JsonNode usageJson = json(admin("usage", account, "--json"));
    assertThat(usageJson.get("charged").asLong()).isEqualTo(1);
    assertThat(usageJson.get("by_status").get("200").asLong()).isEqualTo(1);
  }

  @Test
  void refusals_printTheServersMessageAndRequestId_andExitNonZero() {
    Cli.Result missing = admin("account", "show", "acc_nobody");
    assertThat(missing.exit()).isEqualTo(4);
    assertThat(missing.err())
        .contains("there is no account acc_nobody")
        .containsPattern("HTTP 404 not_found, request_id [0-9a-f-]{36}");

    Cli.Result zero = admin("credits", "add", "acc_nobody", "0");
    assertThat(zero.exit()).isIn(2, 4);

    Cli.Result badToken =
        Cli.run("admin", "usage", "acc_x", "--base-url", gw.baseUrl(), "--admin-token", "wrong");
    assertThat(badToken.exit()).isEqualTo(3);
    assertThat(badToken.err()).contains("invalid_admin_token");

    Cli.Result badDay = admin("usage", "acc_x", "--from", "yesterday");
    assertThat(badDay.exit()).isEqualTo(2);
    assertThat(badDay.err()).contains("--from must be a UTC day");

    Cli.Result noToken = Cli.run("admin", "request", "r", "--base-url", gw.baseUrl());
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err()).contains("no admin token");
  }

  @Test
  void accountList_printsEveryAccount_followingThePagesToTheEnd() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(gw.createAccount("shop-" + i, 10L * i, 60 + i));
    }

    // Two accounts per request: three requests, one table.
    Cli.Result table = admin("account", "list", "--page-size", "2");
    assertThat(table.exit()).as(table.toString()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).matches("ACCOUNT_ID +NAME +BALANCE +RATE_LIMIT_PER_MINUTE +STATUS");
    assertThat(lines).hasSize(6);
    for (int i = 0; i < 5; i++) {
      assertThat(table.out())
          .containsPattern(
              "(?m)^"
                  + created.get(i)
                  + " +shop-"
                  + i
                  + " +"
                  + 10 * i
                  + " +"
                  + (60 + i)
                  + " +active$");
    }
    // Columns line up.
    int nameColumn = lines.get(0).indexOf("NAME");
    lines.stream()
        .skip(1)
        .forEach(l -> assertThat(l.substring(nameColumn)).as(l).startsWith("shop-"));

    JsonNode all = json(admin("account", "list", "--page-size", "2", "--json"));
    assertThat(all.get("accounts")).hasSize(5);
    assertThat(all.get("next").isNull()).isTrue();
  }

  @Test
  void accountList_stopsAtTheLimit_andSaysWhereToContinue() {
    for (int i = 0; i < 5; i++) {
      gw.createAccount("shop-" + i, 0, 300);
    }
    JsonNode firstThree =
        json(admin("account", "list", "--limit", "3", "--page-size", "2", "--json"));
    assertThat(firstThree.get("accounts")).hasSize(3);
    String next = firstThree.get("next").asText();
    assertThat(next).isEqualTo(firstThree.get("accounts").get(2).get("account_id").asText());

    JsonNode rest = json(admin("account", "list", "--after", next, "--json"));
    assertThat(rest.get("accounts")).hasSize(2);
    assertThat(rest.get("next").isNull()).isTrue();

    Cli.Result limited = admin("account", "list", "--limit", "3");
    assertThat(limited.out()).contains("continue with --after " + next);
  }

  @Test
  void accountList_onAnEmptyServer_andWithBadOptions() {
    Cli.Result empty = admin("account", "list");
    assertThat(empty.exit()).as(empty.toString()).isZero();
    assertThat(empty.out()).isEqualTo("no accounts\n");

    assertThat(admin("account", "list", "--limit", "0").exit()).isEqualTo(2);
    Cli.Result badPage = admin("account", "list", "--page-size", "501");
    assertThat(badPage.exit()).isEqualTo(2);
    assertThat(badPage.err()).contains("--page-size must be from 1 to 500");

    Cli.Result badToken =
        Cli.run("admin", "account", "list", "--base-url", gw.baseUrl(), "--admin-token", "wrong");
    assertThat(badToken.exit()).isEqualTo(3);
    assertThat(badToken.err()).contains("invalid_admin_token");
  }
}
