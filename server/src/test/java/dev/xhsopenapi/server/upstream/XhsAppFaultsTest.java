package dev.xhsopenapi.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.AppUpstream;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.Walk;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The App client against a simulator that fights back: each failure class is handled. */
class XhsAppFaultsTest {
  static final int PACE_MS = 100;

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

  private TestGateway gateway(int sessions, Map<String, String> extra) throws Exception {
    Map<String, String> settings = sim.settings(dir.resolve("sessions"), sessions, PACE_MS);
    settings.put("upstream.xhs-app.cool-down.captcha-s", "1");
    settings.put("upstream.xhs-app.cool-down.soft-block-s", "1");
    settings.put("upstream.cache.stale-s", "0");
    settings.putAll(extra);
    return TestGateway.start(dir.resolve("gateway"), Clock.systemUTC(), settings);
  }

  private void faults(String json) {
    sim.simulator().useFaults(SimFaults.NONE.merge(json));
  }

  private static Map<String, Object> session(Reply sessions, String id) {
    for (JsonNode s : sessions.json().get("sessions")) {
      if (s.get("id").asText().equals(id)) {
        Map<String, Object> out = new java.util.HashMap<>();
        s.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
      }
    }
    throw new AssertionError("no session " + id + " in " + sessions);
  }

  @Test
  void walkOf200Notes_withCaptchas_softBlocks_anExpiredSession_andJitter_isExact()
      throws Exception {
    faults(
        "{\"captcha_rate\":0.2,\"soft_block_rate\":0.05,\"expired_sids\":[\"session.3\"],"
            + "\"latency_ms\":5,\"jitter_ms\":20}");
    SimUser user =
        dataset.users().stream().filter(u -> u.notes().size() == 200).findFirst().orElseThrow();
    try (TestGateway gw = gateway(3, Map.of())) {
      String account = gw.createAccount("faults", 1000, 100_000);
      String key = gw.createKey(account);
      LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
      Walk walk = Walk.of(gw, key, user.userId(), 3);
      assertThat(walk.ids()).hasSize(200).doesNotHaveDuplicates();
      assertThat(new HashSet<>(walk.ids()))
          .isEqualTo(new HashSet<>(user.notes().stream().map(n -> n.id()).toList()));
      // Over the days the walk ran on: it may have crossed midnight.
      Reply usage =
          gw.admin(
              "GET",
              "/admin/v1/accounts/"
                  + account
                  + "/usage?from="
                  + firstDay
                  + "&to="
                  + LocalDate.now(ZoneOffset.UTC),
              null);
      assertThat(gw.balance(account)).isEqualTo(1000 - walk.pages());
      assertThat(usage.json().get("charged").asLong()).isEqualTo(walk.pages());

      Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
      assertThat(session(sessions, "s3").get("state").toString()).isEqualTo("\"retired\"");
      assertThat(((JsonNode) session(sessions, "s3").get("failures")).get("expired").asLong())
          .isEqualTo(1);
      long captchas = 0;
      for (JsonNode s : sessions.json().get("sessions")) {
        captchas += s.get("failures").path("captcha").asLong(0);
      }
      assertThat(captchas).isPositive();

      // No session ever called faster than its pace.
      for (JsonNode sid : sim.stats().get("sids")) {
        List<Long> at = new ArrayList<>();
        sid.get("at_ms").forEach(t -> at.add(t.asLong()));
        for (int i = 1; i < at.size(); i++) {
          assertThat(at.get(i) - at.get(i - 1)).isGreaterThanOrEqualTo(PACE_MS);
        }
      }
    }
  }

  @Test
  void softBlock_isNeverAnEmptyPage() throws Exception {
    faults("{\"soft_block_rate\":1}");
    try (TestGateway gw = gateway(2, Map.of("upstream.xhs-app.attempts", "2"))) {
      String account = gw.createAccount("soft", 10, 300);
      Reply r = gw.notes(gw.createKey(account), dataset.users().get(0).userId(), "");
      assertThat(r.status()).isEqualTo(503);
      assertThat(gw.balance(account)).isEqualTo(10);
      Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
      for (String id : List.of("s1", "s2")) {
        assertThat(session(sessions, id).get("state").toString()).isEqualTo("\"cooling\"");
        assertThat(((JsonNode) session(sessions, id).get("failures")).get("soft_block").asLong())
            .isEqualTo(1);
      }
    }
  }

  @Test
  void captcha_coolsTheSessionDown_andAnotherServes() throws Exception {
    try (TestGateway gw = gateway(2, Map.of("upstream.xhs-app.cool-down.captcha-s", "600"))) {
      String key = gw.createKey(gw.createAccount("captcha", 10, 300));
      faults("{\"captcha_rate\":1}");
      assertThat(gw.notes(key, dataset.users().get(0).userId(), "").status()).isEqualTo(503);
      faults("{\"captcha_rate\":0}");
      // Both sessions rest for ten minutes: the next call cannot be served within its budget.
      assertThat(gw.notes(key, dataset.users().get(1).userId(), "").status()).isEqualTo(503);
      Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
      assertThat(session(sessions, "s1").get("cool_down_until").toString()).isNotEqualTo("null");
    }
  }

  @Test
  void frequencyLimit_coolsThatSessionForLong_andAFreshSessionServes() throws Exception {
    faults("{\"rate_limit_calls\":1}");
    try (TestGateway gw = gateway(2, Map.of())) {
      String key = gw.createKey(gw.createAccount("freq", 10, 300));
      assertThat(gw.notes(key, dataset.users().get(0).userId(), "").status()).isEqualTo(200);
      assertThat(gw.notes(key, dataset.users().get(1).userId(), "").status()).isEqualTo(200);
      // Each sid has had its one call: both are refused with 300013 and rest for an hour.
      assertThat(gw.notes(key, dataset.users().get(2).userId(), "").status()).isEqualTo(503);
      Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
      for (String id : List.of("s1", "s2")) {
        assertThat(session(sessions, id).get("state").toString()).isEqualTo("\"cooling\"");
        assertThat(((JsonNode) session(sessions, id).get("failures")).get("rate_limited").asLong())
            .isEqualTo(1);
        Instant until =
            Instant.parse(((JsonNode) session(sessions, id).get("cool_down_until")).asText());
        assertThat(until).isAfter(Instant.now().plusSeconds(3000));
      }
      gw.admin(
          "POST",
          "/admin/v1/upstream/sessions",
          Map.of("id", "s9", "sid", "session.9", "device_id", "d9"));
      assertThat(gw.notes(key, dataset.users().get(2).userId(), "").status()).isEqualTo(200);
    }
  }

  @Test
  void genericRejections_andBrokenAnswers_areRetriedThen502() throws Exception {
    for (String fault : List.of("{\"generic_error_rate\":1}", "{\"malformed_rate\":1}")) {
      faults(fault);
      try (TestGateway gw =
          gateway(2, Map.of("upstream.xhs-app.attempts", "3", "upstream.xhs-app.pace-ms", "0"))) {
        String account = gw.createAccount("g", 10, 300);
        Reply r = gw.notes(gw.createKey(account), dataset.users().get(0).userId(), "");
        assertThat(r.status()).as(fault).isEqualTo(502);
        assertThat(r.json().get("error").asText()).isEqualTo("upstream_error");
        assertThat(gw.balance(account)).isEqualTo(10);
        assertThat(sim.stats().get("sids").size()).isEqualTo(2);
      }
      sim.simulator().reset();
    }
  }

  @Test
  void resets_areRetriedOnAnotherSession() throws Exception {
    faults("{\"reset_rate\":1}");
    try (TestGateway gw =
        gateway(2, Map.of("upstream.xhs-app.attempts", "2", "upstream.xhs-app.pace-ms", "0"))) {
      String account = gw.createAccount("reset", 10, 300);
      Reply r = gw.notes(gw.createKey(account), dataset.users().get(0).userId(), "");
      assertThat(r.status()).isEqualTo(503);
      Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
      assertThat(sessions.json().toString()).contains("\"network\"");
      assertThat(gw.balance(account)).isEqualTo(10);
    }
  }

  @Test
  void noAnswer_isA504WithinTheBudget() throws Exception {
    faults("{\"timeout_rate\":1}");
    try (TestGateway gw =
        gateway(
            2,
            Map.of(
                "upstream.xhs-app.timeout-ms", "300",
                "upstream.xhs-app.attempts", "2",
                "upstream.xhs-app.pace-ms", "0",
                "upstream.budget-ms", "3000"))) {
      String account = gw.createAccount("slow", 10, 300);
      Reply r = gw.notes(gw.createKey(account), dataset.users().get(0).userId(), "");
      assertThat(r.status()).isEqualTo(504);
      assertThat(r.json().get("error").asText()).isEqualTo("upstream_timeout");
      assertThat(gw.balance(account)).isEqualTo(10);
    }
  }

  @Test
  void refusedSignature_406_isASignerFault_503_withoutTryingOtherSessions() throws Exception {
    // A signer with another secret: the simulator refuses every shield it makes.
    try (SimServer otherSigner =
        new SimServer(
                new Simulator(
                    dataset, new SimSigner("another secret"), SimFaults.NONE, Clock.systemUTC()),
                0)
            .start()) {
      try (TestGateway gw =
          gateway(
              3,
              Map.of(
                  "upstream.xhs-app.signer-url", otherSigner.uri().resolve("/sign").toString()))) {
        String account = gw.createAccount("sig", 10, 300);
        Reply r = gw.notes(gw.createKey(account), dataset.users().get(0).userId(), "");
        assertThat(r.status()).isEqualTo(503);
        assertThat(sim.stats().get("sids").size()).isEqualTo(1);
        Reply sessions = gw.admin("GET", "/admin/v1/upstream/sessions", null);
        assertThat(sessions.json().toString()).contains("\"signature\"");
        assertThat(gw.balance(account)).isEqualTo(10);
      }
    }
  }
}
