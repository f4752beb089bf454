package dev.xhsopenapi.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.RawHttp;
import dev.xhsopenapi.server.testing.RawHttp.Answer;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private TestGateway gw;

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, clock, Map.of());
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void everyRoute_refusesWithoutTheAdminToken() {
    String account = gw.createAccount("a", 1, 300);
    for (String[] route :
        new String[][] {
          {"POST", "/admin/v1/accounts"},
          {"GET", "/admin/v1/accounts/" + account},
          {"PATCH", "/admin/v1/accounts/" + account},
          {"POST", "/admin/v1/accounts/" + account + "/keys"},
          {"POST", "/admin/v1/accounts/" + account + "/credits"},
          {"GET", "/admin/v1/accounts/" + account + "/usage"},
          {"GET", "/admin/v1/accounts/" + account + "/events"},
          {"DELETE", "/admin/v1/keys/key_x"},
          {"GET", "/admin/v1/requests/x"}
        }) {
      for (String auth :
          new String[] {null, "Bearer wrong", "Bearer " + TestGateway.ADMIN_TOKEN + "x"}) {
        Reply r = gw.admin(route[0], route[1], "{}", auth);
        assertThat(r.status()).as("%s %s with %s", route[0], route[1], auth).isEqualTo(401);
        assertThat(r.json().get("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
      }
    }
    assertThat(gw.balance(account)).isEqualTo(1);
  }

  @Test
  void createAccount_validatesItsBody() {
    assertThat(gw.admin("POST", "/admin/v1/accounts", "not json").status()).isEqualTo(400);
    assertThat(gw.admin("POST", "/admin/v1/accounts", Map.of()).status()).isEqualTo(400);
    assertThat(gw.admin("POST", "/admin/v1/accounts", Map.of("name", "x", "credits", -1)).status())
        .isEqualTo(400);
    assertThat(
            gw.admin("POST", "/admin/v1/accounts", Map.of("name", "x", "rate_limit_per_minute", 0))
                .status())
        .isEqualTo(400);
    Reply ok = gw.admin("POST", "/admin/v1/accounts", Map.of("name", "x"));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().get("balance").asLong()).isZero();
    assertThat(ok.json().get("rate_limit_per_minute").asInt()).isEqualTo(300);
    assertThat(ok.json().get("status").asText()).isEqualTo("active");
  }

  @Test
  void bodies_thatDoNotFit_nameTheJsonPath_andUnknownKeysAreIgnored() {
    String account = gw.createAccount("b", 10, 300);
    String credits = "/admin/v1/accounts/" + account + "/credits";
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", "{\"name\":\"x\",\"credits\":\"5\"}"),
        "credits must be an integer (at $.credits)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", "{\"name\":\"x\",\"credits\":1e30}"),
        "credits must be an integer (at $.credits)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", "{\"name\":\"x\",\"credits\":99999999999999999999}"),
        "credits is out of range for an integer (at $.credits)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", Map.of("name", "x", "rate_limit_per_minute", 0)),
        "rate_limit_per_minute must be a whole number from 1 to 1000000"
            + " (at $.rate_limit_per_minute)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", Map.of("name", 7)),
        "name must be a string (at $.name)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", Map.of("name", "x".repeat(201))),
        "name must be at most 200 characters (at $.name)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", "[1]"), "the request body must be a JSON object");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts", "{\"name\":"), "the request body is not valid JSON");
    assertInvalid(gw.admin("POST", credits, Map.of()), "amount is required");
    assertInvalid(
        gw.admin("POST", credits, Map.of("amount", 1, "reason", List.of("r"))),
        "reason must be a string (at $.reason)");
    assertInvalid(
        gw.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("status", "gone")),
        "status must be \"active\" or \"suspended\", got \"gone\" (at $.status)");
    assertInvalid(
        gw.admin("POST", "/admin/v1/accounts/" + account + "/keys", Map.of("expires_at", "soon")),
        "expires_at must be an ISO-8601 UTC instant");
    assertThat(gw.balance(account)).isEqualTo(10);

    Reply created =
        gw.admin(
            "POST", "/admin/v1/accounts", Map.of("name", " y ", "colour", "red", "credits", 3));
    assertThat(created.status()).isEqualTo(201);
    assertThat(fieldNames(created.json()))
        .containsExactly(
            "account_id",
            "name",
            "balance",
            "rate_limit_per_minute",
            "status",
            "daily_credit_cap",
            "low_balance_threshold",
            "webhook_url");
    assertThat(created.json().get("name").asText()).isEqualTo("y");
    Reply key = gw.admin("POST", "/admin/v1/accounts/" + account + "/keys", null);
    assertThat(fieldNames(key.json())).containsExactly("key_id", "key", "prefix");
    Reply shown = gw.admin("GET", "/admin/v1/accounts/" + account, null);
    assertThat(fieldNames(shown.json()))
        .containsExactly(
            "account_id",
            "name",
            "balance",
            "rate_limit_per_minute",
            "status",
            "daily_credit_cap",
            "low_balance_threshold",
            "webhook_url",
            "keys");
    assertThat(fieldNames(shown.json().get("keys").get(0)))
        .containsExactly(
            "key_id",
            "prefix",
            "name",
            "status",
            "created_at",
            "expires_at",
            "last_used_at",
            "scopes",
            "rate_limit_per_minute",
            "daily_credit_cap",
            "replaced_by");
    assertThat(shown.json().get("keys").get(0).get("expires_at").isNull()).isTrue();
    Reply patched =
        gw.admin(
            "PATCH", "/admin/v1/accounts/" + account, Map.of("rate_limit_per_minute", 60, "x", 1));
    assertThat(patched.json().get("rate_limit_per_minute").asInt()).isEqualTo(60);
  }

  private static void assertInvalid(Reply r, String messageStart) {
    assertThat(r.status()).as("%s", r.text()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_param");
    assertThat(r.json().get("message").asText()).startsWith(messageStart);
  }

  @Test
  void keys_areShownOnce_andListedByPrefix() {
    String account = gw.createAccount("k", 0, 300);
    Reply created =
        gw.admin("POST", "/admin/v1/accounts/" + account + "/keys", Map.of("name", "ci"));
    assertThat(created.status()).isEqualTo(201);
    String key = created.json().get("key").asText();
    assertThat(key).matches("sk_live_[0-9A-Za-z]{32}");
    assertThat(created.json().get("prefix").asText()).isEqualTo(key.substring(0, 12));
    Reply shown = gw.admin("GET", "/admin/v1/accounts/" + account, null);
    assertThat(shown.text()).doesNotContain(key);
    JsonNode listed = shown.json().get("keys").get(0);
    assertThat(listed.get("prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(listed.get("name").asText()).isEqualTo("ci");
    assertThat(listed.get("status").asText()).isEqualTo("active");
  }

  @Test
  void credits_addAndRemove_neverBelowZero() {
    String account = gw.createAccount("c", 10, 300);
    String path = "/admin/v1/accounts/" + account + "/credits";
    assertThat(
            gw.admin("POST", path, Map.of("amount", 5, "reason", "promo"))
                .json()
                .get("balance")
                .asLong())
        .isEqualTo(15);
    assertThat(gw.admin("POST", path, Map.of("amount", -20)).status()).isEqualTo(400);
    assertThat(gw.admin("POST", path, Map.of("amount", 0)).status()).isEqualTo(400);
    assertThat(gw.admin("POST", path, Map.of("amount", 1.5)).status()).isEqualTo(400);
    assertThat(gw.admin("POST", path, Map.of("amount", -15)).json().get("balance").asLong())
        .isZero();
    assertThat(
            gw.admin("POST", "/admin/v1/accounts/acc_none/credits", Map.of("amount", 1)).status())
        .isEqualTo(404);
  }

  @Test
  void usageAndRequestLookup_reflectTheCalls() {
    String account = gw.createAccount("u", 10, 300);
    String key = gw.createKey(account);
    String user = SimDataset.generate(1).users().get(0).userId();
    Reply ok = gw.notes(key, user, "");
    gw.notes(key, "bad", "");
    Reply usage =
        gw.admin(
            "GET", "/admin/v1/accounts/" + account + "/usage?from=2026-11-01&to=2026-11-01", null);
    assertThat(usage.status()).isEqualTo(200);
    assertThat(usage.json().get("calls").asLong()).isEqualTo(2);
    assertThat(usage.json().get("charged").asLong()).isEqualTo(1);
    JsonNode day = usage.json().get("by_day").get(0);
    assertThat(day.get("day").asText()).isEqualTo("2026-11-01");
    assertThat(day.get("errors").asLong()).isEqualTo(1);
    assertThat(usage.json().get("by_status").get("400").asLong()).isEqualTo(1);

    Reply lookup = gw.admin("GET", "/admin/v1/requests/" + ok.header("X-Request-Id"), null);
    assertThat(lookup.status()).isEqualTo(200);
    JsonNode row = lookup.json();
    assertThat(row.get("account_id").asText()).isEqualTo(account);
    assertThat(row.get("key_prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(row.get("user_id").asText()).isEqualTo(user);
    assertThat(row.get("status").asInt()).isEqualTo(200);
    assertThat(row.get("charged").asLong()).isEqualTo(1);
    assertThat(row.get("cache").asText()).isEqualTo("MISS");
    assertThat(row.get("at").asText()).isEqualTo("2026-11-01T08:00:00Z");

    assertThat(gw.admin("GET", "/admin/v1/requests/nope", null).status()).isEqualTo(404);
    assertThat(
            gw.admin("GET", "/admin/v1/accounts/" + account + "/usage?from=yesterday", null)
                .status())
        .isEqualTo(400);
  }

  @Test
  void revoke_unknownKey_is404() {
    assertThat(gw.admin("DELETE", "/admin/v1/keys/key_nope", null).status()).isEqualTo(404);
  }

  @Test
  void accounts_areListedByPage_untilNextIsNull() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(gw.createAccount("list-" + i, i, 300));
    }
    Answer all = listAccounts("");
    assertThat(all.status()).as("%s", all).isEqualTo(200);
    assertThat(all.json().get("next").isNull()).isTrue();
    JsonNode first = all.json().get("accounts").get(0);
    assertThat(fieldNames(first))
        .containsExactly(
            "account_id",
            "name",
            "balance",
            "rate_limit_per_minute",
            "status",
            "daily_credit_cap",
            "low_balance_threshold",
            "webhook_url");
    List<String> listed = ids(all.json());
    assertThat(listed).containsExactlyInAnyOrderElementsOf(created);
    assertThat(all.header("X-Request-Id")).isNotBlank();

    List<String> walked = new ArrayList<>();
    String after = "";
    int pages = 0;
    while (after != null) {
      Answer page = listAccounts("?limit=2&after=" + after);
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      assertThat(page.json().get("accounts").size()).isBetween(1, 2);
      walked.addAll(ids(page.json()));
      after = page.json().get("next").isNull() ? null : page.json().get("next").asText();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(walked).containsExactlyElementsOf(listed);

    // A page that ends exactly at the last account says so: no empty page to fetch.
    Answer exact = listAccounts("?limit=5");
    assertThat(ids(exact.json())).hasSize(5);
    assertThat(exact.json().get("next").isNull()).isTrue();
    Answer beyond = listAccounts("?after=" + listed.get(4));
    assertThat(beyond.json().get("accounts").isEmpty()).isTrue();
    assertThat(beyond.json().get("next").isNull()).isTrue();
  }

  @Test
  void accounts_listRefusesABadLimitInTheEnvelope() {
    for (String query :
        List.of("?limit=0", "?limit=501", "?limit=-1", "?limit=ten", "?limit=1&limit=2")) {
      Answer a = listAccounts(query);
      assertThat(a.status()).as(query).isEqualTo(400);
      assertThat(a.json().get("error").asText()).isEqualTo("invalid_param");
      assertThat(a.json().get("request_id").asText()).isEqualTo(a.header("X-Request-Id"));
    }
    assertThat(listAccounts("?limit=500").status()).isEqualTo(200);
    assertThat(listAccounts("?limit=1").status()).isEqualTo(200);
    Answer unauthorized =
        RawHttp.exchange(
            gw.gateway().port(),
            "GET /admin/v1/accounts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(unauthorized.status()).isEqualTo(401);
  }

  private Answer listAccounts(String query) {
    return RawHttp.exchange(
        gw.gateway().port(),
        "GET /admin/v1/accounts"
            + query
            + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + TestGateway.ADMIN_TOKEN
            + "\r\nConnection: close\r\n\r\n");
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("accounts").forEach(a -> out.add(a.get("account_id").asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
