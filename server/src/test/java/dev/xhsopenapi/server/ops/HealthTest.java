package dev.xhsopenapi.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness: ready needs the store, the limiter and one usable provider; both answer
 * without a key and leave no trace in the request log.
 */
class HealthTest {
  private static final String USER = "6587d26000000001658eec67";

  @TempDir Path dir;

  @Test
  void liveAndReady_whenAllIsWell_are200WithoutAKey() {
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of())) {
      TestGateway.Reply live = gw.get("/health/live", null);
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.json().get("status").asText()).isEqualTo("up");

      TestGateway.Reply ready = gw.get("/health/ready", null);
      assertThat(ready.status()).isEqualTo(200);
      JsonNode checks = ready.json().get("checks");
      assertThat(checks.at("/store/status").asText()).isEqualTo("up");
      assertThat(checks.at("/store/engine").asText()).isEqualTo("sqlite");
      assertThat(checks.at("/rate_limiter/kind").asText()).isEqualTo("local");
      assertThat(checks.at("/upstream/providers/0/name").asText()).isEqualTo("sim");
      assertThat(checks.at("/upstream/providers/0/circuit").asText()).isEqualTo("closed");
    }
  }

  @Test
  void ready_inClusterMode_checksTheSharedLimitersRedis() {
    String redis = System.getProperty("xhs.test.redis", "redis://127.0.0.1:6379");
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of("redis", redis))) {
      TestGateway.Reply ready = gw.get("/health/ready", null);
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().at("/checks/rate_limiter/kind").asText()).isEqualTo("redis");
      assertThat(ready.json().at("/checks/rate_limiter/status").asText()).isEqualTo("up");
    }
  }

  @Test
  void probes_areNotInTheRequestLog_norRateLimited() {
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of())) {
      String requestId = null;
      for (int i = 0; i < 5; i++) {
        TestGateway.Reply r = gw.get("/health/ready", null);
        assertThat(r.status()).isEqualTo(200);
        requestId = r.header("X-Request-Id");
      }
      assertThat(gw.admin("GET", "/admin/v1/requests/" + requestId, null).status()).isEqualTo(404);
    }
  }

  @Test
  void ready_whenTheStoreIsClosed_is503() {
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of())) {
      gw.gateway().database().close();

      TestGateway.Reply ready = gw.get("/health/ready", null);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("status").asText()).isEqualTo("down");
      assertThat(ready.json().at("/checks/store/status").asText()).isEqualTo("down");
      assertThat(ready.json().at("/checks/upstream/status").asText()).isEqualTo("up");
      assertThat(gw.get("/health/live", null).status()).isEqualTo(200);
    }
  }

  @Test
  void ready_whenTheOnlyProvidersCircuitIsOpen_is503() {
    // The gateway puts it behind a circuit breaker, like every provider of its chain.
    UpstreamProvider failing = ScriptedProvider.failing(UpstreamException.Kind.UNAVAILABLE);
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of(), List.of(failing))) {
      String key = gw.createKey(gw.createAccount("acme", 100, 300));
      assertThat(gw.get("/health/ready", null).status()).isEqualTo(200);
      // The breaker judges after 10 calls; all failed, so it opens.
      for (int i = 0; i < 10; i++) {
        assertThat(gw.notes(key, USER, null).status()).isEqualTo(503);
      }

      TestGateway.Reply ready = gw.get("/health/ready", null);
      assertThat(ready.status()).isEqualTo(503);
      JsonNode upstream = ready.json().at("/checks/upstream");
      assertThat(upstream.get("status").asText()).isEqualTo("down");
      assertThat(upstream.at("/providers/0/circuit").asText()).isEqualTo("open");
      assertThat(ready.json().at("/checks/store/status").asText()).isEqualTo("up");
    }
  }

  @Test
  void ready_whenXhsAppHasNoUsableSession_is503_untilOneIsAdded() throws Exception {
    Path sessions = Files.writeString(dir.resolve("sessions.json"), "[]");
    Map<String, String> settings =
        Map.of("upstream.chain", "xhs-app", "upstream.xhs-app.sessions-file", sessions.toString());
    try (TestGateway gw = TestGateway.start(dir.resolve("data"), Clock.systemUTC(), settings)) {
      TestGateway.Reply ready = gw.get("/health/ready", null);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().at("/checks/upstream/providers/0/usable_sessions").asInt()).isZero();

      TestGateway.Reply added =
          gw.admin(
              "POST",
              "/admin/v1/upstream/sessions",
              Map.of("id", "s1", "sid", "session.1", "device_id", "dev-1", "fid", "fid-1"));
      assertThat(added.status()).isEqualTo(201);
      assertThat(gw.get("/health/ready", null).status()).isEqualTo(200);
    }
  }
}
