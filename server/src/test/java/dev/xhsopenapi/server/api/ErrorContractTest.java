package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.auth.ApiKeys;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.UpstreamException;
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

/** Every row of the error table: reachable, well-formed, and free. */
class ErrorContractTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private TestGateway gw;
  private String account;
  private String key;

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, clock, Map.of());
    account = gw.createAccount("errors", 100, 300);
    key = gw.createKey(account);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void missingAuthorization_is401() {
    assertError(gw.get(notes(USER), null), 401, "invalid_api_key", "Authorization");
  }

  @Test
  void otherScheme_is401() {
    assertError(gw.get(notes(USER), "Basic " + key), 401, "invalid_api_key", "Bearer");
  }

  @Test
  void malformedKey_is401() {
    assertError(gw.get(notes(USER), "Bearer sk_live_short"), 401, "invalid_api_key", "malformed");
  }

  @Test
  void unknownKey_is401() {
    String unknown = ApiKeys.generate(new RandomIds());
    assertError(gw.get(notes(USER), "Bearer " + unknown), 401, "invalid_api_key", "unknown");
  }

  @Test
  void keyFailingItsChecksum_is401() {
    assertError(
        gw.get(notes(USER), "Bearer sk_live_" + "A".repeat(32)),
        401,
        "invalid_api_key",
        "checksum");
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(gw.get(notes(USER), "bearer " + key).status()).isNotEqualTo(401);
    assertThat(gw.get(notes(USER), "BEARER " + key).status()).isNotEqualTo(401);
  }

  @Test
  void revokedKey_is401() {
    String keyId = keyIdOf(key);
    assertThat(gw.admin("DELETE", "/admin/v1/keys/" + keyId, null).status()).isEqualTo(204);
    assertError(gw.get(notes(USER), "Bearer " + key), 401, "invalid_api_key", "revoked");
  }

  @Test
  void expiredKey_is403KeyDisabled() {
    Reply created =
        gw.admin(
            "POST",
            "/admin/v1/accounts/" + account + "/keys",
            Map.of("name", "short-lived", "expires_at", "2026-11-01T09:00:00Z"));
    String shortLived = created.json().get("key").asText();
    assertThat(gw.notes(shortLived, USER, "").status()).isIn(200, 404);
    clock.advance(Duration.ofHours(2));
    assertError(gw.notes(shortLived, USER, ""), 403, "key_disabled", "expired");
  }

  @Test
  void suspendedAccount_is403() {
    gw.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("status", "suspended"));
    assertError(gw.notes(key, USER, ""), 403, "account_suspended", "suspended");
    gw.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("status", "active"));
    assertThat(gw.notes(key, USER, "").status()).isNotEqualTo(403);
  }

  @Test
  void missingUserId_is400() {
    Reply r =
        gw.get(
            "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?cursor=", "Bearer " + key);
    assertError(r, 400, "invalid_param", "user_id is required");
  }

  @Test
  void malformedParams_are400_andDoNotCountAgainstTheLimit() {
    for (String bad :
        List.of(
            "user_id=abc",
            "user_id=5EFDEBA4000000000101E7E6",
            "user_id=" + USER + "&cursor=xyz",
            "user_id=" + USER + "&user_id=" + USER,
            "user_id=%E4%B8")) {
      Reply r =
          gw.get(
              "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?" + bad, "Bearer " + key);
      assertError(r, 400, "invalid_param", "");
      assertThat(r.header("X-RateLimit-Remaining")).as(bad).isEqualTo("300");
    }
  }

  @Test
  void unknownQueryParamsAreIgnored() {
    Reply r =
        gw.get(
            "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id="
                + USER
                + "&cursor=&foo=bar",
            "Bearer " + key);
    assertThat(r.status()).isIn(200, 404);
  }

  @Test
  void zeroBalance_is402() {
    String poor = gw.createAccount("poor", 0, 300);
    String poorKey = gw.createKey(poor);
    Reply r = gw.notes(poorKey, USER, "");
    assertError(r, 402, "insufficient_credits", "credit");
    assertThat(gw.balance(poor)).isZero();
  }

  @Test
  void cachedPage_isChargedOnce_andRefusedWithoutCredits() {
    String one = gw.createAccount("one", 1, 300);
    String oneKey = gw.createKey(one);
    String user = SimDataset.generate(1).users().get(0).userId();
    Reply first = gw.notes(key, user, "");
    assertThat(first.status()).isEqualTo(200);
    // The page is cached now: the one credit buys one answer, the next call costs nothing.
    Reply hit = gw.notes(oneKey, user, "");
    assertThat(hit.status()).isEqualTo(200);
    assertThat(hit.header("X-Cache")).isEqualTo("HIT");
    assertThat(hit.body())
        .isEqualTo(first.body().replace(first.header("X-Request-Id"), hit.header("X-Request-Id")));
    assertThat(gw.balance(one)).isZero();
    assertError(gw.notes(oneKey, user, ""), 402, "insufficient_credits", "credit");
    assertThat(gw.balance(one)).isZero();
  }

  @Test
  void unknownUser_is404UserNotFound() {
    assertError(gw.notes(key, "0".repeat(24), ""), 404, "user_not_found", "0".repeat(24));
  }

  @Test
  void unknownPath_is404WithRequestId() {
    assertError(gw.get("/nope", null), 404, "not_found", "/nope");
  }

  @Test
  void wrongMethod_is405() {
    Reply r =
        gw.admin(
            "POST",
            "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id=" + USER,
            "{}",
            "Bearer " + key);
    assertError(r, 405, "method_not_allowed", "GET");
  }

  @Test
  void overTheLimit_is429WithRetryAfter() {
    String slow = gw.createAccount("slow", 100, 1);
    String slowKey = gw.createKey(slow);
    gw.notes(slowKey, USER, "");
    Reply r = gw.notes(slowKey, USER, "");
    assertError(r, 429, "rate_limited", "per minute");
    assertThat(r.header("Retry-After")).isEqualTo("60");
    assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(r.header("RateLimit-Policy")).isEqualTo("\"default\";q=1;w=60");
  }

  @Test
  void checksRunInTheContractsOrder() {
    // Authentication comes before validation.
    assertError(
        gw.get(notes("bad"), "Bearer sk_live_" + "B".repeat(32)), 401, "invalid_api_key", "");
    // Validation comes before the rate limit.
    String one = gw.createAccount("one", 0, 1);
    String oneKey = gw.createKey(one);
    assertError(gw.notes(oneKey, USER, ""), 402, "insufficient_credits", "");
    assertError(gw.notes(oneKey, "bad", ""), 400, "invalid_param", "");
    // The rate limit comes before credits: the 402 above used the only slot.
    assertError(gw.notes(oneKey, USER, ""), 429, "rate_limited", "");
  }

  @Test
  void upstreamFailures_map502_503_504_andCostNothing() {
    gw.close();
    for (var c :
        List.of(
            Map.entry(UpstreamException.Kind.UNUSABLE, 502),
            Map.entry(UpstreamException.Kind.UNAVAILABLE, 503))) {
      try (TestGateway failing =
          TestGateway.start(
              dir.resolve(c.getKey().name()),
              clock,
              Map.of(),
              List.of(ScriptedProvider.failing(c.getKey())))) {
        String a = failing.createAccount("f", 10, 300);
        Reply r = failing.notes(failing.createKey(a), USER, "");
        String error = c.getValue() == 502 ? "upstream_error" : "upstream_unavailable";
        assertError(r, c.getValue(), error, "not charged");
        assertThat(failing.balance(a)).isEqualTo(10);
      }
    }
    try (TestGateway slow =
        TestGateway.start(
            dir.resolve("slow"),
            clock,
            Map.of("upstream.budget-ms", "100"),
            List.of(ScriptedProvider.slow(Duration.ofSeconds(3))))) {
      String a = slow.createAccount("s", 10, 300);
      Reply r = slow.notes(slow.createKey(a), USER, "");
      assertError(r, 504, "upstream_timeout", "not charged");
      assertThat(slow.balance(a)).isEqualTo(10);
    }
    gw = TestGateway.start(dir.resolve("again"), clock, Map.of());
  }

  @Test
  void errorsCostNothing() {
    long before = gw.balance(account);
    gw.notes(key, "bad", "");
    gw.notes(key, "0".repeat(24), "");
    gw.get(notes(USER), null);
    assertThat(gw.balance(account)).isEqualTo(before);
  }

  private static String notes(String userId) {
    return "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id=" + userId;
  }

  private String keyIdOf(String k) {
    JsonNode keys = gw.admin("GET", "/admin/v1/accounts/" + account, null).json().get("keys");
    for (JsonNode node : keys) {
      if (k.startsWith(node.get("prefix").asText())) {
        return node.get("key_id").asText();
      }
    }
    throw new AssertionError("no key with the prefix of " + k.substring(0, 12));
  }

  static void assertError(Reply r, int status, String error, String messagePart) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").asText()).isNotBlank().contains(messagePart);
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(body.get("request_id").asText()).matches(UUID_V4);
    assertThat(r.header("X-Request-Id")).isEqualTo(body.get("request_id").asText());
  }
}
