package dev.xhsopenapi.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.AppUpstream;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} after a scripted walk counts exactly what happened, under conventional names
 * and labels that never name an account, key, user or request.
 */
class MetricsTest {
  private static final String NOTES = "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes";
  private static final String NOBODY = "000000000000000000000001";

  /** One sample line: {@code name{label="value",…} number}. */
  private static final Pattern SAMPLE =
      Pattern.compile("[a-z_][a-z0-9_]*(\\{([a-z_]+=\"[^\"]*\",?)*})? [-+0-9.eEInfNa]+");

  @TempDir Path dir;

  @Test
  void scriptedWalk_isCountedByEndpointStatusCacheCreditsAndProvider() {
    SimDataset dataset = SimDataset.generate(1);
    String user = dataset.users().get(0).userId();
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of())) {
      String account = gw.createAccount("metered", 3, 6);
      String key = gw.createKey(account);

      TestGateway.Reply first = gw.notes(key, user, null);
      assertThat(first.header("X-Cache")).isEqualTo("MISS");
      assertThat(gw.notes(key, user, null).header("X-Cache")).isEqualTo("HIT");
      assertThat(gw.notes(key, NOBODY, null).status()).isEqualTo(404);
      String cursor = first.json().at("/data/data/cursor").asText();
      TestGateway.Reply second = gw.notes(key, user, cursor);
      assertThat(second.header("X-Cache")).isEqualTo("MISS");
      assertThat(gw.notes(key, user, second.json().at("/data/data/cursor").asText()).status())
          .isEqualTo(402);
      assertThat(gw.get("/openapi/v1/account", "Bearer " + key).status()).isEqualTo(200);
      assertThat(gw.notes(key, user, null).status()).isEqualTo(429);

      TestGateway.Reply scrape = gw.get("/metrics", null);
      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.header("Content-Type")).startsWith("text/plain");
      String m = scrape.text();

      assertThat(m)
          .contains(requests(NOTES, 200) + " 3.0")
          .contains(requests(NOTES, 404) + " 1.0")
          .contains(requests(NOTES, 402) + " 1.0")
          .contains(requests(NOTES, 429) + " 1.0")
          .contains(requests("/openapi/v1/account", 200) + " 1.0")
          .contains("xhs_openapi_requests_total{endpoint=\"/admin/v1/accounts\",method=\"POST\"")
          .contains(
              "xhs_openapi_request_duration_seconds_bucket{endpoint=\""
                  + NOTES
                  + "\",method=\"GET\",outcome=\"2xx\",le=\"")
          .contains("xhs_openapi_rate_limited_total 1.0")
          .contains("xhs_openapi_insufficient_credits_total 1.0")
          .contains("xhs_openapi_credits_charged_total 3.0")
          .contains("xhs_openapi_credits_released_total 1.0")
          .contains("xhs_openapi_cache_gets_total{result=\"hit\"} 1.0")
          .contains("xhs_openapi_cache_gets_total{result=\"miss\"} 2.0")
          .contains("xhs_openapi_cache_gets_total{result=\"stale\"} 0.0")
          // The 402 asks the source while its hold is refused when the key's cached lookup (under
          // a second old) still saw credits, and not when it saw none: two or three fetches.
          .containsPattern(
              "xhs_openapi_upstream_calls_total\\{outcome=\"ok\",source=\"sim\"} [23]\\.0")
          .contains(
              "xhs_openapi_upstream_calls_total{outcome=\"user_not_found\",source=\"sim\"} 1.0")
          .containsPattern("xhs_openapi_upstream_duration_seconds_count\\{source=\"sim\"} [34]\n")
          .contains("xhs_openapi_upstream_breaker_state{source=\"sim\",state=\"closed\"} 1.0")
          .contains("xhs_openapi_upstream_breaker_state{source=\"sim\",state=\"open\"} 0.0")
          .contains("xhs_openapi_request_log_pending_rows ")
          .contains("jvm_memory_used_bytes");
      assertBoundedLabels(m, account, key, user);
    }
  }

  @Test
  void xhsAppSessions_areCountedBySession_andTheirStatesWatched() throws Exception {
    SimDataset dataset = SimDataset.generate(1);
    try (AppUpstream sim = new AppUpstream(dataset);
        TestGateway gw =
            TestGateway.start(
                dir.resolve("g"),
                Clock.systemUTC(),
                sim.settings(dir.resolve("sessions"), 2, 50))) {
      String key = gw.createKey(gw.createAccount("app", 10, 300));
      assertThat(gw.notes(key, dataset.users().get(0).userId(), null).status()).isEqualTo(200);

      String m = gw.get("/metrics", null).text();
      assertThat(m)
          .containsPattern(
              "xhs_openapi_upstream_session_calls_total\\{outcome=\"ok\",provider=\"xhs-app\","
                  + "session=\"s[12]\"} 1.0")
          .containsPattern(
              "xhs_openapi_upstream_session_duration_seconds_count\\{provider=\"xhs-app\","
                  + "session=\"s[12]\"} 1")
          .contains("xhs_openapi_upstream_sessions{state=\"active\"} 2.0")
          .contains("xhs_openapi_upstream_sessions{state=\"cooling\"} 0.0")
          .contains("xhs_openapi_upstream_sessions{state=\"retired\"} 0.0")
          .contains("xhs_openapi_upstream_calls_total{outcome=\"ok\",source=\"xhs-app\"} 1.0");
      assertBoundedLabels(m, "session.1", "session.2", key);
    }
  }

  private static String requests(String endpoint, int status) {
    return "xhs_openapi_requests_total{endpoint=\""
        + endpoint
        + "\",method=\"GET\",status=\""
        + status
        + "\"}";
  }

  /** Every sample is well formed, and no secret or per-customer value is a label. */
  private static void assertBoundedLabels(String scrape, String... forbidden) {
    for (String line : scrape.lines().toList()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      assertThat(line).matches(SAMPLE);
      if (line.startsWith("xhs_openapi_")) {
        assertThat(line).doesNotContain("request_id", "user_id", "key=", "account=");
      }
      for (String value : forbidden) {
        assertThat(line).doesNotContain(value);
      }
    }
  }
}
