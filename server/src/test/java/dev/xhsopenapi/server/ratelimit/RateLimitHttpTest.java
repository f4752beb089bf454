package dev.xhsopenapi.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-account strict window through the public endpoint. */
class RateLimitHttpTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private final String user = SimDataset.generate(1).users().get(0).userId();

  @Test
  void burstOfEight_onTwoKeysOfOneAccount_limit5_gets5Then3Refusals_untilTheWindowEnds() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("five", 100, 5);
      List<String> keys = List.of(gw.createKey(account), gw.createKey(account));
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        statuses.add(gw.notes(keys.get(i % 2), user, "").status());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
      assertThat(gw.balance(account)).isEqualTo(95);

      clock.advance(Duration.ofSeconds(30));
      Reply at30 = gw.notes(keys.get(0), user, "");
      assertThat(at30.status()).isEqualTo(429);
      assertThat(at30.header("Retry-After")).isEqualTo("30");
      assertThat(at30.header("X-RateLimit-Reset")).isEqualTo("30");

      clock.advance(Duration.ofSeconds(20));
      Reply at50 = gw.notes(keys.get(1), user, "");
      assertThat(at50.status()).isEqualTo(429);
      assertThat(at50.header("Retry-After")).isEqualTo("10");

      clock.advance(Duration.ofSeconds(10));
      assertThat(gw.notes(keys.get(0), user, "").status()).isEqualTo(200);
      assertThat(gw.balance(account)).isEqualTo(94);
    }
  }

  @Test
  void limitChange_takesEffectOnTheNextRequest() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("grow", 100, 1);
      String key = gw.createKey(account);
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
      assertThat(gw.notes(key, user, "").status()).isEqualTo(429);
      gw.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("rate_limit_per_minute", 3));
      assertThat(gw.notes(key, user, "").status()).isEqualTo(200);
      assertThat(gw.notes(key, user, "").header("X-RateLimit-Limit")).isEqualTo("3");
    }
  }

  @Test
  void accountEndpoint_countsAgainstTheLimit() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("acct", 100, 2);
      String key = gw.createKey(account);
      assertThat(gw.get("/openapi/v1/account", "Bearer " + key).status()).isEqualTo(200);
      assertThat(gw.get("/openapi/v1/account", "Bearer " + key).status()).isEqualTo(200);
      assertThat(gw.get("/openapi/v1/account", "Bearer " + key).status()).isEqualTo(429);
      assertThat(gw.notes(key, user, "").status()).isEqualTo(429);
      assertThat(gw.balance(account)).isEqualTo(100);
    }
  }
}
