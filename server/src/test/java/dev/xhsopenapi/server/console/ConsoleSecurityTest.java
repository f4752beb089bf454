package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's defences, over HTTP against a real gateway: sessions, CSRF, throttling, IDOR. */
class ConsoleSecurityTest {
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
  void signIn_rotatesTheSessionId_andTheIdHeldBeforeIsWorthless() {
    Customers.signedUp(gw, account, "a@acme.io");
    ConsoleClient victim = new ConsoleClient(gw.baseUrl());
    ConsoleClient.Page form = victim.get("/console/login");
    String planted = victim.cookie();
    assertThat(planted).isNotNull();

    ConsoleClient.Page signedIn =
        victim.post(
            "/console/login",
            Map.of("email", "a@acme.io", "password", Customers.PASSWORD, "_csrf", form.csrf()));
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.header("Location")).isEqualTo("/console");
    assertThat(victim.cookie()).isNotNull().isNotEqualTo(planted);
    assertThat(victim.get("/console").status()).isEqualTo(200);

    ConsoleClient attacker = new ConsoleClient(gw.baseUrl());
    attacker.cookie(planted);
    ConsoleClient.Page refused = attacker.get("/console");
    assertThat(refused.status()).isEqualTo(303);
    assertThat(refused.header("Location")).isEqualTo("/console/login");
    assertThat(attacker.post("/console/keys", Map.of("name", "x", "_csrf", form.csrf())).status())
        .isEqualTo(403);
  }

  @Test
  void sessionCookie_isHttpOnlyLaxAndScopedToTheConsole_andSecureBehindTls() {
    ConsoleClient.Page page = new ConsoleClient(gw.baseUrl()).get("/console/login");
    String cookie = page.setCookies().get(0);
    assertThat(cookie)
        .startsWith(Sessions.COOKIE + "=")
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Path=/console")
        .doesNotContain("Secure");
    assertThat(cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'))).hasSize(43);

    ConsoleClient.Page proxied =
        new ConsoleClient(gw.baseUrl()).getWith("/console/login", "X-Forwarded-Proto", "https");
    assertThat(proxied.setCookies().get(0)).contains("Secure");
  }

  @Test
  void secureCookiesSetting_marksCookiesSecureOnPlainHttp(@TempDir Path other) {
    try (TestGateway secure =
        TestGateway.start(other, clock, Map.of("console.secure-cookies", "true"))) {
      ConsoleClient.Page page = new ConsoleClient(secure.baseUrl()).get("/console/login");
      assertThat(page.setCookies().get(0)).contains("Secure").contains("HttpOnly");
    }
  }

  @Test
  void post_withoutOrWithAWrongCsrfToken_isRefused_andChangesNothing() {
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");
    ConsoleClient.Page noToken = client.post("/console/keys", Map.of("name", "stolen"));
    ConsoleClient.Page wrongToken =
        client.post("/console/keys", Map.of("name", "stolen", "_csrf", "x".repeat(43)));
    ConsoleClient other = Customers.signedUp(gw, gw.createAccount("b", 0, 300), "b@b.io");
    ConsoleClient.Page othersToken =
        client.post(
            "/console/keys", Map.of("name", "stolen", "_csrf", other.get("/console/keys").csrf()));
    for (ConsoleClient.Page p : new ConsoleClient.Page[] {noToken, wrongToken, othersToken}) {
      assertThat(p.status()).isEqualTo(403);
      assertThat(p.body()).contains("did not come from this console").doesNotContain("sk_live_");
    }
    assertThat(gw.admin("GET", "/admin/v1/accounts/" + account, null).json().get("keys")).isEmpty();

    ConsoleClient anonymous = new ConsoleClient(gw.baseUrl());
    assertThat(
            anonymous
                .post(
                    "/console/login", Map.of("email", "a@acme.io", "password", Customers.PASSWORD))
                .status())
        .isEqualTo(403);
    assertThat(anonymous.cookie()).isNull();
  }

  @Test
  void logout_endsTheSessionOnTheServer() {
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");
    String kept = client.cookie();
    ConsoleClient.Page out = client.submit("/console", "/console/logout", Map.of());
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.setCookies().get(0))
        .startsWith(Sessions.COOKIE + "=;")
        .contains("Expires=Thu, 1 Jan 1970");

    ConsoleClient replay = new ConsoleClient(gw.baseUrl());
    replay.cookie(kept);
    assertThat(replay.get("/console").header("Location")).isEqualTo("/console/login");
  }

  @Test
  void sessions_endAfterAnHourIdle() {
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");
    clock.advance(Duration.ofMinutes(59));
    assertThat(client.get("/console").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(61));
    assertThat(client.get("/console").status()).isEqualTo(303);
  }

  @Test
  void signIn_afterFiveFailuresForAnEmail_isLockedOut_evenWithTheRightPassword() {
    Customers.signedUp(gw, account, "a@acme.io");
    ConsoleClient client = new ConsoleClient(gw.baseUrl());
    for (int i = 0; i < LoginThrottle.PER_EMAIL; i++) {
      ConsoleClient.Page wrong = client.signIn("a@acme.io", "wrong password " + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).contains("Wrong email or password");
    }
    ConsoleClient.Page locked = client.signIn("A@acme.io", Customers.PASSWORD);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
    assertThat(client.get("/console").status()).isEqualTo(303);

    clock.advance(LoginThrottle.LOCKOUT);
    assertThat(client.signIn("a@acme.io", Customers.PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void signIn_afterTwentyFailuresFromAnAddress_isLockedOut_forEveryEmail() {
    Customers.signedUp(gw, account, "a@acme.io");
    ConsoleClient client = new ConsoleClient(gw.baseUrl());
    for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
      assertThat(client.signIn("nobody" + i + "@x.io", "guess").status()).isEqualTo(401);
    }
    assertThat(client.signIn("a@acme.io", Customers.PASSWORD).status()).isEqualTo(429);
  }

  @Test
  void customer_cannotSeeOrActOnAnotherAccount() {
    String otherAccount = gw.createAccount("other", 100, 300);
    String othersKey = gw.createKey(otherAccount);
    String othersKeyId =
        gw.admin("GET", "/admin/v1/accounts/" + otherAccount, null)
            .json()
            .get("keys")
            .get(0)
            .get("key_id")
            .asText();
    String othersRequest =
        gw.notes(othersKey, SimDataset.generate(1).users().get(0).userId(), null)
            .header("X-Request-Id");
    ConsoleClient client = Customers.signedUp(gw, account, "a@acme.io");

    ConsoleClient.Page revoke =
        client.submit("/console/keys", "/console/keys/" + othersKeyId + "/revoke", Map.of());
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(gw.notes(othersKey, SimDataset.generate(1).users().get(0).userId(), null).status())
        .isEqualTo(200);
    assertThat(client.get("/console/keys").body()).doesNotContain(othersKeyId);
    assertThat(client.get("/console/requests").body()).doesNotContain(othersRequest);
    assertThat(client.get("/console/requests?q=" + othersRequest).body())
        .doesNotContain("data-request-id=\"" + othersRequest);
    assertThat(client.get("/console").body()).doesNotContain(otherAccount);

    assertThat(client.get("/console/operator").header("Location"))
        .isEqualTo("/console/operator/login");
    assertThat(
            client
                .submit(
                    "/console/keys",
                    "/console/operator/accounts/" + account + "/credits",
                    Map.of("amount", "1000"))
                .status())
        .isEqualTo(403);
    assertThat(gw.balance(account)).isEqualTo(100);
  }

  @Test
  void everyAnswer_carriesARequestId_andPagesTheSecurityHeaders() {
    ConsoleClient client = new ConsoleClient(gw.baseUrl());
    for (String path : new String[] {"/console/login", "/console/nowhere", "/console"}) {
      ConsoleClient.Page p = client.get(path);
      assertThat(p.header("X-Request-Id")).as(path).matches("[0-9a-f-]{36}");
      assertThat(p.header("Content-Security-Policy"))
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(p.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(p.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(p.header("Cache-Control")).isEqualTo("no-store");
    }
    assertThat(client.get("/console/nowhere").status()).isEqualTo(404);
    assertThat(client.get("/console/login").body()).doesNotContain("<script>");
    ConsoleClient.Page css = client.get("/console/static/console.css");
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("X-Request-Id")).isNotNull();
    assertThat(client.get("/console/static/..%2Fconsole.css").status()).isEqualTo(404);
  }
}
