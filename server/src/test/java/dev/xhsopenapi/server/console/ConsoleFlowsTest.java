package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What customers and operators do in the console, over HTTP against a real gateway. */
class ConsoleFlowsTest {
  private static final String USER = SimDataset.generate(1).users().get(0).userId();

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private TestGateway gw;
  private String account;

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, clock, Map.of());
    account = gw.createAccount("acme", 100, 300);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void adminUsersRoute_needsTheToken_validates_andIssuesALinkThatReplacesTheLastOne() {
    String path = "/admin/v1/accounts/" + account + "/users";
    assertThat(gw.admin("POST", path, Map.of("email", "a@acme.io"), null).status()).isEqualTo(401);
    assertThat(gw.admin("POST", path, Map.of("email", "not-an-email")).status()).isEqualTo(400);
    assertThat(gw.admin("POST", path, Map.of()).status()).isEqualTo(400);
    assertThat(
            gw.admin("POST", "/admin/v1/accounts/acc_none/users", Map.of("email", "a@acme.io"))
                .status())
        .isEqualTo(404);

    Reply first = gw.admin("POST", path, Map.of("email", " A@Acme.io "));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("email").asText()).isEqualTo("a@acme.io");
    assertThat(first.json().get("account_id").asText()).isEqualTo(account);
    assertThat(first.json().get("login_path").asText()).matches("/console/welcome\\?token=\\w{43}");
    assertThat(Instant.parse(first.json().get("expires_at").asText()))
        .isEqualTo(clock.instant().plus(Duration.ofDays(3)));

    Reply again = gw.admin("POST", path, Map.of("email", "a@acme.io"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("user_id")).isEqualTo(first.json().get("user_id"));
    ConsoleClient client = new ConsoleClient(gw.baseUrl());
    assertThat(client.get(first.json().get("login_path").asText()).status()).isEqualTo(404);
    assertThat(client.get(again.json().get("login_path").asText()).body()).contains("a@acme.io");

    String other = gw.createAccount("other", 0, 300);
    assertThat(
            gw.admin("POST", "/admin/v1/accounts/" + other + "/users", Map.of("email", "a@acme.io"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void welcomeLink_setsThePasswordOnce_signsIn_andThenEmailAndPasswordWork() {
    String link = Customers.invite(gw, account, "a@acme.io");
    String token = link.substring(link.indexOf('=') + 1);
    ConsoleClient client = new ConsoleClient(gw.baseUrl());
    ConsoleClient.Page form = client.get(link);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.header("Referrer-Policy")).isEqualTo("no-referrer");

    ConsoleClient.Page differ =
        client.post(
            "/console/welcome",
            Map.of("_csrf", form.csrf(), "token", token, "password", "0123456789", "confirm", "x"));
    assertThat(differ.status()).isEqualTo(400);
    ConsoleClient.Page tooShort =
        client.post(
            "/console/welcome",
            Map.of("_csrf", form.csrf(), "token", token, "password", "short", "confirm", "short"));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(client.signIn("a@acme.io", "short").status()).isEqualTo(401);

    ConsoleClient.Page set =
        client.submit(
            link,
            "/console/welcome",
            Map.of("token", token, "password", Customers.PASSWORD, "confirm", Customers.PASSWORD));
    assertThat(set.status()).isEqualTo(303);
    assertThat(client.get("/console").body()).contains("acme").contains(account);
    assertThat(new ConsoleClient(gw.baseUrl()).get(link).status()).isEqualTo(404);

    ConsoleClient later = new ConsoleClient(gw.baseUrl());
    assertThat(later.signIn("a@acme.io", Customers.PASSWORD).status()).isEqualTo(303);
    assertThat(later.get("/console").status()).isEqualTo(200);
  }

  @Test
  void keyCreatedInTheConsole_worksAtOnce_itsCallsShow_andRevokingItRefusesIt() {
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");
    String key = Customers.createKey(client, "prod");
    assertThat(client.get("/console/keys").body())
        .doesNotContain(key)
        .contains(key.substring(0, 12));

    Reply ok = gw.notes(key, USER, null);
    assertThat(ok.status()).isEqualTo(200);
    String requestId = ok.header("X-Request-Id");
    Reply bad = gw.notes(key, "not-a-user", null);
    assertThat(bad.status()).isEqualTo(400);

    ConsoleClient.Page requests = client.get("/console/requests");
    assertThat(requests.body()).contains(requestId).contains(bad.header("X-Request-Id"));
    assertThat(client.get("/console/requests?status=4xx").body()).doesNotContain(requestId);
    assertThat(client.get("/console/requests?status=200&q=" + requestId.substring(0, 8)).body())
        .contains(requestId);
    assertThat(client.get("/console/requests?q=zz").status()).isEqualTo(400);
    ConsoleClient.Page overview = client.get("/console");
    assertThat(overview.find("id=\"balance\">([0-9,]+)<")).isEqualTo("99");
    assertThat(overview.find("id=\"calls-today\">([0-9,]+)<")).isEqualTo("2");
    assertThat(overview.body()).contains(key.substring(0, 12) + "…").contains("<svg");

    String keyId = client.get("/console/keys").find("data-key-id=\"(key_\\w+)\"");
    ConsoleClient.Page revoked =
        client.submit("/console/keys", "/console/keys/" + keyId + "/revoke", Map.of());
    assertThat(revoked.status()).isEqualTo(303);
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(401);
  }

  @Test
  void keyForm_setsScopesARateLimitAndADailyCap_andShowsBadOnesAsFormErrors() {
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");
    String form = client.get("/console/keys").body();
    assertThat(form)
        .contains("id=\"scope-xhs-get-user-notes\"", "id=\"scope-mcp\"", "id=\"scope-watches\"")
        .contains("name=\"rate_limit_per_minute\"", "name=\"daily_credit_cap\"");

    ConsoleClient.Page scoped =
        client.submit(
            "/console/keys",
            "/console/keys",
            List.of(
                Map.entry("name", "notes-only"),
                Map.entry("scopes", "xhs-get-user-notes"),
                Map.entry("scopes", "watches"),
                Map.entry("daily_credit_cap", "2")));
    assertThat(scoped.status()).as("%s", scoped.body()).isEqualTo(201);
    String notesOnly = scoped.find("id=\"new-key\">(sk_live_[0-9A-Za-z]{32})<");
    assertThat(scoped.body()).contains("xhs-get-user-notes watches");
    Reply search =
        gw.get(
            "/openapi/v1/contentcreator/xiaohongshu/web_v2/fetch_search_users?keywords=cat",
            "Bearer " + notesOnly);
    assertThat(search.json().get("error").asText()).isEqualTo("key_scope");
    assertThat(gw.notes(notesOnly, USER, null).status()).isEqualTo(200);
    assertThat(gw.notes(notesOnly, USER, null).status()).isEqualTo(200);
    Reply capped = gw.notes(notesOnly, USER, null);
    assertThat(capped.status()).isEqualTo(429);
    assertThat(capped.json().get("error").asText()).isEqualTo("spend_cap_reached");
    assertThat(gw.balance(account)).isEqualTo(98);

    ConsoleClient.Page limitedPage =
        client.submit(
            "/console/keys", "/console/keys", Map.of("name", "slow", "rate_limit_per_minute", "1"));
    assertThat(limitedPage.status()).as("%s", limitedPage.body()).isEqualTo(201);
    String slow = limitedPage.find("id=\"new-key\">(sk_live_[0-9A-Za-z]{32})<");
    assertThat(gw.notes(slow, USER, null).status()).isEqualTo(200);
    Reply limited = gw.notes(slow, USER, null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");

    ConsoleClient.Page unknownScope =
        client.submit(
            "/console/keys",
            "/console/keys",
            List.of(
                Map.entry("name", "x"),
                Map.entry("scopes", "mcp"),
                Map.entry("scopes", "xhs-nothing")));
    assertThat(unknownScope.status()).isEqualTo(400);
    assertThat(unknownScope.find("id=\"error\">([^<]*)<")).contains("$.scopes[1]");
    // The boxes ticked stay ticked for the next try.
    assertThat(unknownScope.body())
        .contains("id=\"scope-mcp\" checked")
        .doesNotContain("id=\"scope-watches\" checked");
    ConsoleClient.Page notANumber =
        client.submit(
            "/console/keys", "/console/keys", Map.of("name", "x", "rate_limit_per_minute", "fast"));
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.find("id=\"error\">([^<]*)<"))
        .contains("rate_limit_per_minute must be a whole number");
    ConsoleClient.Page zeroCap =
        client.submit(
            "/console/keys", "/console/keys", Map.of("name", "x", "daily_credit_cap", "0"));
    assertThat(zeroCap.status()).isEqualTo(400);
    assertThat(zeroCap.find("id=\"error\">([^<]*)<"))
        .contains("daily_credit_cap must be a whole number from 1");
    // Nothing was issued by the refused forms.
    assertThat(client.get("/console/keys").body().split("data-key-id=\"", -1)).hasSize(3);
  }

  @Test
  void customer_rollsAKey_withAnOverlap_setsAnExpiry_andSeesTheLowBalanceBanner() {
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");
    String key = Customers.createKey(client, "prod");
    String keyId = client.get("/console/keys").find("data-key-id=\"(key_\\w+)\"");
    ConsoleClient.Page rolled =
        client.submit(
            "/console/keys", "/console/keys/" + keyId + "/roll", Map.of("expire_old_in_s", "60"));
    assertThat(rolled.status()).as("%s", rolled.body()).isEqualTo(201);
    String replacement = rolled.find("id=\"new-key\">(sk_live_[0-9A-Za-z]{32})<");
    assertThat(rolled.body()).contains("id=\"old-key-ends\"");
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(200);
    assertThat(gw.notes(replacement, USER, null).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(60));
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(401);
    assertThat(
            client
                .submit(
                    "/console/keys",
                    "/console/keys/" + keyId + "/roll",
                    Map.of("expire_old_in_s", "999999"))
                .status())
        .isEqualTo(400);

    ConsoleClient.Page expiring =
        client.submit(
            "/console/keys",
            "/console/keys",
            Map.of("name", "short-lived", "expires_at", "2026-11-02"));
    assertThat(expiring.status()).as("%s", expiring.body()).isEqualTo(201);
    String shortLived = expiring.find("id=\"new-key\">(sk_live_[0-9A-Za-z]{32})<");
    ConsoleClient.Page badExpiry =
        client.submit(
            "/console/keys", "/console/keys", Map.of("name", "x", "expires_at", "tomorrow"));
    assertThat(badExpiry.status()).isEqualTo(400);

    assertThat(client.get("/console").body()).doesNotContain("id=\"low-balance\"");
    gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("low_balance_threshold", 1_000));
    assertThat(client.get("/console").body()).contains("id=\"low-balance\"");

    clock.advance(Duration.ofDays(1));
    assertThat(gw.notes(shortLived, USER, null).json().get("error").asText())
        .isEqualTo("key_disabled");
  }

  @Test
  void operator_signsInWithTheAdminToken_andChangesGoThroughTheAdminPaths() {
    String key = gw.createKey(account);
    ConsoleClient op = new ConsoleClient(gw.baseUrl());
    assertThat(op.get("/console/operator").header("Location")).isEqualTo("/console/operator/login");
    assertThat(
            op.submit("/console/operator/login", "/console/operator/login", Map.of("token", "no"))
                .status())
        .isEqualTo(401);
    String before = op.cookie();
    ConsoleClient.Page in =
        op.submit(
            "/console/operator/login",
            "/console/operator/login",
            Map.of("token", TestGateway.ADMIN_TOKEN));
    assertThat(in.status()).isEqualTo(303);
    assertThat(op.cookie()).isNotEqualTo(before);
    assertThat(op.get("/console/operator?q=acm").body()).contains(account);
    assertThat(op.get("/console/operator?q=zzz").body()).doesNotContain(account);

    String page = "/console/operator/accounts/" + account;
    assertThat(
            op.submit(page, page + "/credits", Map.of("amount", "250", "reason", "inv 7")).status())
        .isEqualTo(303);
    assertThat(gw.balance(account)).isEqualTo(350);
    assertThat(op.submit(page, page + "/credits", Map.of("amount", "-1000")).status())
        .isEqualTo(400);
    assertThat(op.submit(page, page + "/limit", Map.of("limit", "7")).status()).isEqualTo(303);
    assertThat(gw.notes(key, USER, null).header("X-RateLimit-Limit")).isEqualTo("7");

    assertThat(op.submit(page, page + "/status", Map.of("status", "suspended")).status())
        .isEqualTo(303);
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(403);
    assertThat(op.submit(page, page + "/status", Map.of("status", "active")).status())
        .isEqualTo(303);
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(200);

    String keyId = op.get(page).find("data-key-id=\"(key_\\w+)\"");
    assertThat(op.submit(page, "/console/operator/keys/" + keyId + "/revoke", Map.of()).status())
        .isEqualTo(303);
    assertThat(gw.notes(key, USER, null).status()).isEqualTo(401);

    ConsoleClient.Page invited = op.submit(page, page + "/users", Map.of("email", "new@acme.io"));
    assertThat(invited.status()).isEqualTo(201);
    assertThat(invited.find("id=\"invite-link\">([^<]+)<").replace("&#61;", "="))
        .startsWith(gw.baseUrl() + "/console/welcome?token=");
    assertThat(op.get("/console/operator/upstream").body()).contains("sim");
  }

  @Test
  void operatorSessions_endWhenTheAdminTokenChanges(@TempDir Path data) {
    gw.close();
    gw = TestGateway.start(data, clock, Map.of());
    ConsoleClient op = new ConsoleClient(gw.baseUrl());
    op.submit(
        "/console/operator/login",
        "/console/operator/login",
        Map.of("token", TestGateway.ADMIN_TOKEN));
    assertThat(op.get("/console/operator").status()).isEqualTo(200);
    gw.close();
    gw = TestGateway.start(data, clock, Map.of("admin-token", "a-new-token"));
    op = withCookie(gw, op.cookie());
    assertThat(op.get("/console/operator").header("Location")).isEqualTo("/console/operator/login");
  }

  private static ConsoleClient withCookie(TestGateway gw, String cookie) {
    ConsoleClient c = new ConsoleClient(gw.baseUrl());
    c.cookie(cookie);
    return c;
  }
}
