package dev.xhsopenapi.server.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogDurabilityTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));

  @Test
  void cleanShutdown_writesEveryQueuedRow() {
    String user = SimDataset.generate(1).users().get(0).userId();
    List<String> ids = new ArrayList<>();
    String account;
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      account = gw.createAccount("log", 1000, 100_000);
      String key = gw.createKey(account);
      for (int i = 0; i < 200; i++) {
        ids.add(gw.notes(key, i % 2 == 0 ? user : "bad", "").header("X-Request-Id"));
      }
    }
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      for (String id : ids) {
        assertThat(gw.admin("GET", "/admin/v1/requests/" + id, null).status()).isEqualTo(200);
      }
      var usage = gw.admin("GET", "/admin/v1/accounts/" + account + "/usage", null).json();
      assertThat(usage.get("calls").asLong()).isEqualTo(200);
      assertThat(usage.get("by_status").get("200").asLong()).isEqualTo(100);
      assertThat(usage.get("by_status").get("400").asLong()).isEqualTo(100);
      assertThat(usage.get("charged").asLong()).isEqualTo(100);
      assertThat(gw.balance(account)).isEqualTo(900);
    }
  }

  @Test
  void keys_recordWhenTheyWereLastUsed() {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("used", 10, 300);
      String key = gw.createKey(account);
      var before = gw.admin("GET", "/admin/v1/accounts/" + account, null).json();
      assertThat(before.get("keys").get(0).get("last_used_at").isNull()).isTrue();
      gw.notes(key, "bad", "");
      gw.admin("GET", "/admin/v1/requests/nope", null);
      var after = gw.admin("GET", "/admin/v1/accounts/" + account, null).json();
      assertThat(after.get("keys").get(0).get("last_used_at").asText())
          .isEqualTo("2026-11-01T08:00:00Z");
    }
  }
}
