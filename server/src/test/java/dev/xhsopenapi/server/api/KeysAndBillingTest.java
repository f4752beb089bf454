package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key scopes, expiry, rolling, per-key limits, spend caps and credit transparency (DESIGN §14). */
class KeysAndBillingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SEARCH =
      "/openapi/v1/contentcreator/xiaohongshu/web_v2/fetch_search_users?keywords=cat";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private final String user = SimDataset.generate(1).users().get(0).userId();

  private static String key(TestGateway gw, String accountId, Map<String, Object> body) {
    Reply r = gw.admin("POST", "/admin/v1/accounts/" + accountId + "/keys", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("key").asText();
  }

  private static JsonNode byId(JsonNode keys, String keyId) {
    for (JsonNode k : keys) {
      if (k.get("key_id").asText().equals(keyId)) {
        return k;
      }
    }
    throw new AssertionError("no key " + keyId + " in " + keys);
  }

  @Test
  void scopedKey_getsKeyScopeOnOtherEndpoints_free_andServesItsOwn() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("scoped", 100, 300);
      String key = key(gw, account, Map.of("scopes", List.of("xhs-get-user-notes")));
      Reply other = gw.get(SEARCH, "Bearer " + key);
      assertThat(other.status()).isEqualTo(403);
      assertThat(other.json().get("error").asText()).isEqualTo("key_scope");
      assertThat(other.json().get("message").asText()).contains("xhs-search-users");
      Reply watches = gw.get("/openapi/v1/watches", "Bearer " + key);
      assertThat(watches.json().get("error").asText()).isEqualTo("key_scope");
      assertThat(gw.balance(account)).isEqualTo(100);
      // Refused before the limiter: the window is untouched.
      Reply own = gw.notes(key, user, "");
      assertThat(own.status()).isEqualTo(200);
      assertThat(own.header("X-RateLimit-Remaining")).isEqualTo("299");
      assertThat(gw.balance(account)).isEqualTo(99);
    }
  }

  @Test
  void keyCreation_refusesBadRulesWith400() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("bad", 100, 300);
      String path = "/admin/v1/accounts/" + account + "/keys";
      Reply unknown = gw.admin("POST", path, Map.of("scopes", List.of("xhs-nothing")));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().get("message").asText()).contains("$.scopes[0]");
      assertThat(gw.admin("POST", path, Map.of("scopes", List.of())).status()).isEqualTo(400);
      assertThat(gw.admin("POST", path, Map.of("rate_limit_per_minute", 0)).status())
          .isEqualTo(400);
      assertThat(gw.admin("POST", path, Map.of("daily_credit_cap", -1)).status()).isEqualTo(400);
      Reply notAnInstant = gw.admin("POST", path, Map.of("expires_at", "next week"));
      assertThat(notAnInstant.status()).isEqualTo(400);
      assertThat(notAnInstant.json().get("message").asText()).contains("$.expires_at");
    }
  }

  @Test
  void expiresAt_onCreate_isKeyDisabledAfterIt() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("exp", 100, 300);
      String key = key(gw, account, Map.of("expires_at", "2026-11-01T09:00:00Z"));
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
      clock.advance(Duration.ofHours(1));
      Reply after = gw.notes(key, user, "");
      assertThat(after.status()).isEqualTo(403);
      assertThat(after.json().get("error").asText()).isEqualTo("key_disabled");
    }
  }

  @Test
  void rolledKey_oldSecretWorksUntilItsEnd_then401_andTheListShowsIt() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("roll", 100, 300);
      Reply created =
          gw.admin(
              "POST",
              "/admin/v1/accounts/" + account + "/keys",
              Map.of("name", "prod", "scopes", List.of("xhs-get-user-notes")));
      String oldKey = created.json().get("key").asText();
      String oldId = created.json().get("key_id").asText();
      Reply rolled =
          gw.admin("POST", "/admin/v1/keys/" + oldId + "/roll", Map.of("expire_old_in_s", 600));
      assertThat(rolled.status()).as(rolled.toString()).isEqualTo(201);
      String newKey = rolled.json().get("key").asText();
      assertThat(rolled.json().get("old_key_expires_at").asText())
          .isEqualTo("2026-11-01T08:10:00Z");
      assertThat(gw.notes(oldKey, user, "").status()).isEqualTo(200);
      assertThat(gw.notes(newKey, user, "").status()).isEqualTo(200);
      // The new key keeps the old one's scopes.
      assertThat(gw.get(SEARCH, "Bearer " + newKey).status()).isEqualTo(403);
      JsonNode keys = gw.adminOk("GET", "/admin/v1/accounts/" + account, null).get("keys");
      JsonNode old = byId(keys, oldId);
      assertThat(old.get("expires_at").asText()).isEqualTo("2026-11-01T08:10:00Z");
      String newId = rolled.json().get("key_id").asText();
      assertThat(old.get("replaced_by").asText()).isEqualTo(newId);
      assertThat(byId(keys, newId).get("name").asText()).isEqualTo("prod");

      clock.advance(Duration.ofMinutes(10));
      Reply gone = gw.notes(oldKey, user, "");
      assertThat(gone.status()).isEqualTo(401);
      assertThat(gone.json().get("error").asText()).isEqualTo("invalid_api_key");
      assertThat(gw.notes(newKey, user, "").status()).isEqualTo(200);
      Reply again = gw.admin("POST", "/admin/v1/keys/" + oldId + "/roll", Map.of());
      assertThat(again.status()).isEqualTo(201);
    }
  }

  @Test
  void roll_refusesAnOverlapPastSevenDays_andAnUnknownKey() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("r", 100, 300);
      String id =
          gw.adminOk("POST", "/admin/v1/accounts/" + account + "/keys", Map.of())
              .get("key_id")
              .asText();
      Reply tooLong =
          gw.admin("POST", "/admin/v1/keys/" + id + "/roll", Map.of("expire_old_in_s", 604_801));
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(tooLong.json().get("message").asText()).contains("expire_old_in_s");
      assertThat(gw.admin("POST", "/admin/v1/keys/key_none/roll", Map.of()).status())
          .isEqualTo(404);
      gw.adminOk("DELETE", "/admin/v1/keys/" + id, null);
      assertThat(gw.admin("POST", "/admin/v1/keys/" + id + "/roll", Map.of()).status())
          .isEqualTo(400);
    }
  }

  @Test
  void keyLimit5_insideAccount300_refusesTheSixth_whileASiblingKeyWorks() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("lim", 100, 300);
      String limited = key(gw, account, Map.of("rate_limit_per_minute", 5));
      String sibling = gw.createKey(account);
      for (int i = 0; i < 5; i++) {
        Reply r = gw.notes(limited, user, "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-RateLimit-Limit")).isEqualTo("5");
      }
      Reply sixth = gw.notes(limited, user, "");
      assertThat(sixth.status()).isEqualTo(429);
      assertThat(sixth.json().get("error").asText()).isEqualTo("rate_limited");
      assertThat(sixth.header("X-RateLimit-Limit")).isEqualTo("5");
      assertThat(sixth.header("Retry-After")).isEqualTo("60");
      Reply other = gw.notes(sibling, user, "");
      assertThat(other.status()).isEqualTo(200);
      assertThat(other.header("X-RateLimit-Limit")).isEqualTo("300");
      assertThat(other.header("X-RateLimit-Remaining")).isEqualTo("294");
      assertThat(gw.balance(account)).isEqualTo(94);
    }
  }

  @Test
  void dailyCap3_refusesTheFourthChargedCall_withRetryAfterToMidnight_free() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("cap", 100, 300);
      String key = key(gw, account, Map.of("daily_credit_cap", 3));
      for (int i = 0; i < 3; i++) {
        assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
      }
      Reply fourth = gw.notes(key, user, "");
      assertThat(fourth.status()).isEqualTo(429);
      assertThat(fourth.json().get("error").asText()).isEqualTo("spend_cap_reached");
      // 08:00 UTC: 16 hours to the next UTC day.
      assertThat(fourth.header("Retry-After")).isEqualTo(Long.toString(16 * 3600));
      assertThat(gw.balance(account)).isEqualTo(97);
      String sibling = gw.createKey(account);
      assertThat(gw.notes(sibling, user, "").status()).isEqualTo(200);

      gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("daily_credit_cap", 4));
      Reply capped = gw.notes(sibling, user, "");
      assertThat(capped.json().get("error").asText()).isEqualTo("spend_cap_reached");
      assertThat(capped.json().get("message").asText()).contains("account " + account);
      clock.advance(Duration.ofHours(16));
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
      Map<String, Object> remove = new HashMap<>();
      remove.put("daily_credit_cap", null);
      JsonNode changed = gw.adminOk("PATCH", "/admin/v1/accounts/" + account, remove);
      assertThat(changed.get("daily_credit_cap").isNull()).isTrue();
    }
  }

  @Test
  void everyCharged200_hasBothCreditHeaders_addingUpWithTheLedger_andTheCsvExportAgrees() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("headers", 50, 300);
      String a = gw.createKey(account);
      String b = gw.createKey(account);
      long charged = 0;
      long expected = 50;
      for (int i = 0; i < 6; i++) {
        Reply r = gw.notes(i % 2 == 0 ? a : b, user, "");
        assertThat(r.status()).isEqualTo(200);
        long c = Long.parseLong(r.header("X-Credits-Charged"));
        charged += c;
        expected -= c;
        assertThat(Long.parseLong(r.header("X-Credits-Remaining"))).isEqualTo(expected);
      }
      assertThat(gw.notes(a, "0".repeat(23) + "x", "").status()).isEqualTo(400);
      assertThat(gw.balance(account)).isEqualTo(expected);
      JsonNode usage = gw.adminOk("GET", "/admin/v1/accounts/" + account + "/usage", null);
      assertThat(usage.get("charged").asLong()).isEqualTo(charged).isEqualTo(6);

      Reply csv = gw.get("/openapi/v1/usage?format=csv", "Bearer " + a);
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.header("Content-Type")).startsWith("text/csv");
      List<String> lines = csv.text().lines().toList();
      assertThat(lines.get(0)).isEqualTo("day,endpoint,key_id,calls,charged");
      long csvCharged = 0;
      long notesCalls = 0;
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", -1);
        csvCharged += Long.parseLong(cells[4]);
        if (cells[1].equals("xhs-get-user-notes")) {
          notesCalls += Long.parseLong(cells[3]);
          assertThat(cells[4]).isEqualTo("3");
        }
      }
      assertThat(csvCharged).isEqualTo(usage.get("charged").asLong());
      assertThat(notesCalls).isEqualTo(7);

      JsonNode json = gw.get("/openapi/v1/usage?from=2026-11-01", "Bearer " + b).json().get("data");
      assertThat(json.get("charged").asLong()).isEqualTo(6);
      assertThat(json.get("rows")).hasSizeGreaterThanOrEqualTo(2);
      Reply bad = gw.get("/openapi/v1/usage?from=yesterday", "Bearer " + b);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(gw.get("/openapi/v1/usage?format=xml", "Bearer " + b).status()).isEqualTo(400);
    }
  }

  @Test
  void lowBalance_sendsOneSignedWebhookPerCrossing() throws Exception {
    Map<String, String> settings = Map.of("webhooks.allow-private", "true");
    try (TestGateway gw = TestGateway.start(dir, clock, settings);
        WebhookReceiver receiver = WebhookReceiver.start()) {
      String account = gw.createAccount("low", 5, 300);
      String key = gw.createKey(account);
      JsonNode patched =
          gw.adminOk(
              "PATCH",
              "/admin/v1/accounts/" + account,
              Map.of("low_balance_threshold", 3, "webhook_url", receiver.url("/hook")));
      String secret = patched.get("webhook_secret").asText();
      assertThat(secret).startsWith("whsec_");
      for (int i = 0; i < 4; i++) {
        assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
      }
      WebhookReceiver.Received event =
          Eventually.until("the low-balance event", WAIT, receiver::received, r -> !r.isEmpty())
              .getFirst();
      assertThat(event.body()).contains("\"type\":\"account.low_balance\"");
      assertThat(event.body()).contains("\"balance\":2");
      String signature = event.header("XHS-Openapi-Signature");
      String t = signature.substring(2, signature.indexOf(','));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          HexFormat.of()
              .formatHex(mac.doFinal((t + "." + event.body()).getBytes(StandardCharsets.UTF_8)));
      assertThat(signature).isEqualTo("t=" + t + ",v1=" + expected);
      // No second event for the charges past the crossing.
      assertThat(receiver.received()).hasSize(1);
      assertThat(gw.adminOk("GET", "/admin/v1/accounts/" + account, null).has("webhook_secret"))
          .isFalse();
    }
  }

  /** Lowers the account's balance under its threshold of 3 with 4 charges; its webhook is set. */
  private void crossOnce(TestGateway gw, String account, String url) {
    gw.adminOk(
        "PATCH",
        "/admin/v1/accounts/" + account,
        Map.of("low_balance_threshold", 3, "webhook_url", url));
    String key = gw.createKey(account);
    for (int i = 0; i < 4; i++) {
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
    }
  }

  @Test
  void lowBalance_aFailingReceiverGetsTheSameEventAgain_andEachAttemptIsRecorded() {
    try (TestGateway gw =
            TestGateway.start(dir, Clock.systemUTC(), WatchClient.quickSettings(Map.of()));
        WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(500, 503, 200);
      String account = gw.createAccount("flaky", 5, 300);
      crossOnce(gw, account, receiver.url("/hook"));
      List<WebhookReceiver.Received> got =
          Eventually.until("three attempts", WAIT, receiver::received, r -> r.size() >= 3);
      String eventId = got.getFirst().header("XHS-Openapi-Event-Id");
      assertThat(got).extracting(r -> r.header("XHS-Openapi-Event-Id")).containsOnly(eventId);
      assertThat(
              Eventually.until(
                  "the delivered attempt recorded",
                  WAIT,
                  () -> gw.gateway().watches().attempts(eventId),
                  a -> a.size() == 3))
          .extracting(WatchStore.AttemptRow::httpStatus)
          .containsExactly(500, 503, 200);
      // Delivered: no attempt after the 2xx, and the charges past the crossing sent nothing.
      assertThat(receiver.received()).hasSize(3);
    }
  }

  @Test
  void lowBalance_survivesTheNodeThatCrossed_andIsDeliveredByTheNextOneOnTheSameStore() {
    Map<String, String> settings = WatchClient.quickSettings(Map.of());
    String eventId;
    String account;
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.otherwise(500);
      try (TestGateway first = TestGateway.start(dir, Clock.systemUTC(), settings)) {
        account = first.createAccount("restart", 5, 300);
        crossOnce(first, account, receiver.url("/hook"));
        eventId =
            Eventually.until("a failed attempt", WAIT, receiver::received, r -> !r.isEmpty())
                .getFirst()
                .header("XHS-Openapi-Event-Id");
        // Stopping a node drops the attempt it has not recorded yet (the receiver may have
        // answered already): close it only once its failed attempt is in the store.
        Eventually.until(
            "the failed attempt recorded",
            WAIT,
            () -> first.gateway().watches().attempts(eventId),
            a -> !a.isEmpty());
      }
      int beforeRestart = receiver.received().size();
      receiver.otherwise(200);
      try (TestGateway second = TestGateway.start(dir, Clock.systemUTC(), settings)) {
        List<WatchStore.AttemptRow> attempts =
            Eventually.until(
                "delivered by the second node",
                WAIT,
                () -> second.gateway().watches().attempts(eventId),
                a -> !a.isEmpty() && Integer.valueOf(200).equals(a.getLast().httpStatus()));
        assertThat(attempts.subList(0, attempts.size() - 1))
            .extracting(WatchStore.AttemptRow::httpStatus)
            .containsOnly(500);
        assertThat(attempts.getFirst().node()).isNotEqualTo(attempts.getLast().node());
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got.size()).isGreaterThan(beforeRestart);
        assertThat(got).extracting(r -> r.header("XHS-Openapi-Event-Id")).containsOnly(eventId);
        assertThat(got.getLast().body())
            .contains("\"type\":\"account.low_balance\"", "\"account_id\":\"" + account + "\"");
      }
    }
  }
}
