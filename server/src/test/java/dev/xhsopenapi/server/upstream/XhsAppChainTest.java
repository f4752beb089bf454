package dev.xhsopenapi.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.AppUpstream;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.Walk;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway with the real App client against the standalone simulator over HTTP. */
class XhsAppChainTest {
  static final int PACE_MS = 150;

  @TempDir Path dir;
  final SimDataset dataset = SimDataset.generate(1);
  AppUpstream sim;

  @BeforeEach
  void startSim() {
    sim = new AppUpstream(dataset);
  }

  @AfterEach
  void stopSim() {
    sim.close();
  }

  Map<String, String> appSettings(int sessions, String signerUrl) throws IOException {
    Map<String, String> s = sim.settings(dir.resolve("sessions"), sessions, PACE_MS);
    s.put("upstream.xhs-app.signer-url", signerUrl);
    return s;
  }

  String signUrl() {
    return sim.signUrl();
  }

  @Test
  void walks_overHttp_withThreeSessions_areExact_paced_andChargedOncePerPage() throws Exception {
    try (TestGateway gw =
        TestGateway.start(dir.resolve("g"), Clock.systemUTC(), appSettings(3, signUrl()))) {
      String account = gw.createAccount("walker", 1000, 100_000);
      String key = gw.createKey(account);
      int pages = 0;
      for (SimUser user :
          List.of(dataset.users().get(0), dataset.users().get(1), dataset.users().get(2))) {
        Walk walk = Walk.of(gw, key, user.userId());
        assertThat(walk.ids()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(walk.ids()))
            .isEqualTo(new HashSet<>(user.notes().stream().map(n -> n.id()).toList()));
        pages += walk.pages();
      }
      assertThat(gw.balance(account)).isEqualTo(1000 - pages);
      JsonNode stats = sim.stats();
      assertThat(stats.get("sids").size()).isEqualTo(3);
      for (JsonNode sid : stats.get("sids")) {
        List<Long> at = new ArrayList<>();
        sid.get("at_ms").forEach(t -> at.add(t.asLong()));
        for (int i = 1; i < at.size(); i++) {
          assertThat(at.get(i) - at.get(i - 1))
              .as("gap %d of %s", i, sid)
              .isGreaterThanOrEqualTo(PACE_MS);
        }
      }
      Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
      assertThat(sessions.status()).isEqualTo(200);
      assertThat(sessions.json().get("sessions")).hasSize(3);
      assertThat(sessions.json().get("providers").get(0).get("name").asText()).isEqualTo("xhs-app");
      assertThat(sessions.json().get("providers").get(0).get("circuit").asText())
          .isEqualTo("closed");
    }
  }

  @Test
  void aBurstFromOneAccount_doesNotDelayAnotherAccountsCallBeyondOneSlot() throws Exception {
    Map<String, String> settings = appSettings(1, signUrl());
    settings.put("upstream.xhs-app.pace-ms", "200");
    try (TestGateway gw = TestGateway.start(dir.resolve("g"), Clock.systemUTC(), settings)) {
      String burstKey = gw.createKey(gw.createAccount("burst", 100, 1000));
      String singleKey = gw.createKey(gw.createAccount("single", 100, 1000));
      List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
      try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String user = dataset.users().get(i).userId();
          calls.add(
              threads.submit(
                  () -> {
                    assertThat(gw.notes(burstKey, user, "").status()).isEqualTo(200);
                    finished.add("burst");
                  }));
        }
        // The single call comes once the burst is being served, however late that is on a busy
        // machine; it then waits for at most the burst's one turn (and the call at hand, which
        // may have its slot but not be in the list yet), not for the rest of the burst.
        Eventually.until(
            "a burst call answered", Duration.ofSeconds(20), finished::size, n -> n > 0);
        int servedBefore = finished.size();
        String user = dataset.users().get(9).userId();
        assertThat(gw.notes(singleKey, user, "").status()).isEqualTo(200);
        finished.add("single");
        for (var call : calls) {
          call.get();
        }
        assertThat(finished.indexOf("single")).isLessThanOrEqualTo(servedBefore + 2);
      }
    }
  }

  @Test
  void signerDown_isAFast503_andFree() throws Exception {
    try (TestGateway gw =
        TestGateway.start(
            dir.resolve("g"), Clock.systemUTC(), appSettings(2, "http://127.0.0.1:9/sign"))) {
      String account = gw.createAccount("s", 10, 300);
      String key = gw.createKey(account);
      long start = System.nanoTime();
      Reply r = gw.notes(key, dataset.users().get(0).userId(), "");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().get("error").asText()).isEqualTo("upstream_unavailable");
      assertThat(gw.balance(account)).isEqualTo(10);
    }
  }

  @Test
  void everyProviderDown_withAWarmCache_servesStale_andCharges() throws Exception {
    Map<String, String> settings = appSettings(1, signUrl());
    settings.put("upstream.cache.ttl-s", "1");
    settings.put("upstream.xhs-app.pace-ms", "0");
    try (TestGateway gw = TestGateway.start(dir.resolve("g"), Clock.systemUTC(), settings)) {
      String account = gw.createAccount("stale", 10, 300);
      String key = gw.createKey(account);
      String user = dataset.users().get(0).userId();
      Reply fresh = gw.notes(key, user, "");
      assertThat(fresh.header("X-Cache")).isEqualTo("MISS");
      sim.close();
      Thread.sleep(1_100);
      Reply stale = gw.notes(key, user, "");
      assertThat(stale.status()).isEqualTo(200);
      assertThat(stale.header("X-Cache")).isEqualTo("STALE");
      assertThat(stale.json().get("data")).isEqualTo(fresh.json().get("data"));
      assertThat(gw.balance(account)).isEqualTo(8);
      Reply cold = gw.notes(key, dataset.users().get(2).userId(), "");
      assertThat(cold.status()).isIn(502, 503);
      assertThat(gw.balance(account)).isEqualTo(8);
    }
  }

  @Test
  void admin_addsAndRemovesSessions() throws Exception {
    try (TestGateway gw =
        TestGateway.start(dir.resolve("g"), Clock.systemUTC(), appSettings(1, signUrl()))) {
      Reply added =
          gw.admin(
              "POST",
              "/admin/v1/upstream/sessions",
              Map.of(
                  "id", "s9", "sid", "session.9abcdef0123456789", "device_id", "d9", "fid", "f9"));
      assertThat(added.status()).isEqualTo(201);
      assertThat(added.json().get("state").asText()).isEqualTo("active");
      assertThat(added.text()).doesNotContain("session.9abcdef0123456789");
      assertThat(
              gw.admin("POST", "/admin/v1/upstream/sessions", Map.of("id", "s9", "sid", "x"))
                  .status())
          .isEqualTo(400);
      assertThat(gw.admin("POST", "/admin/v1/upstream/sessions", Map.of("sid", "x")).status())
          .isEqualTo(400);
      assertThat(gw.admin("GET", "/admin/v1/upstream/sessions", null).json().get("sessions"))
          .hasSize(2);
      assertThat(gw.admin("DELETE", "/admin/v1/upstream/sessions/s9", null).status())
          .isEqualTo(204);
      assertThat(gw.admin("DELETE", "/admin/v1/upstream/sessions/s9", null).status())
          .isEqualTo(404);
      assertThat(gw.admin("GET", "/admin/v1/upstream/sessions", null).json().get("sessions"))
          .hasSize(1);
    }
  }
}
