package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The core's fault ladder: which answer a call gets, in what order, and how reproducibly. */
class SimulatorFaultsTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.sampleUser().orElseThrow().userId();

  private final SimSigner signer = SimSigner.withDefaultSecret();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

  @Test
  void expiredSid_beatsTheCallLimitAndTheRandomFaults() {
    Simulator simulator =
        simulator(
            "{\"expired_sids\":[\"session.old\"],\"rate_limit_calls\":1,\"captcha_rate\":1}", 1);

    call(simulator, "session.old");
    SimResponse answer = response(call(simulator, "session.old"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.bodyText()).contains("\"code\":-100,\"errCode\":-100");
  }

  @Test
  void callLimit_beatsTheRandomFaults_andCountsRefusedCalls() {
    Simulator simulator = simulator("{\"rate_limit_calls\":2,\"soft_block_rate\":1}", 1);

    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(response(call(simulator, "session.busy")).bodyText());
      clock.advance(Duration.ofSeconds(20));
    }

    // Calls at 0, 20, 40, 60 s in a 60 s window: the third and the fourth see three calls.
    assertThat(bodies.get(0)).isEqualTo(new String(SimBodies.EMPTY_SUCCESS, UTF_8));
    assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
    assertThat(bodies.get(2)).contains("300013");
    assertThat(bodies.get(3)).contains("300013");
  }

  @Test
  void sameFaultSeed_givesTheSameFaultsAndUuids_anotherSeedOthers() {
    String faults = "{\"captcha_rate\":0.3,\"reset_rate\":0.2,\"jitter_ms\":40}";

    List<String> first = trace(simulator(faults, 7));
    List<String> again = trace(simulator(faults, 7));
    List<String> other = trace(simulator(faults, 8));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).anyMatch(step -> step.startsWith("461"));
    assertThat(first).anyMatch(step -> step.startsWith("reset"));
  }

  @Test
  void reset_restartsTheDrawsAndForgetsTheStats() {
    Simulator simulator = simulator("{\"captcha_rate\":0.5}", 3);
    List<String> first = trace(simulator);

    simulator.reset();

    assertThat(simulator.stats()).isEmpty();
    assertThat(trace(simulator)).isEqualTo(first);
  }

  @Test
  void jitter_staysWithinLatencyToLatencyPlusJitter() {
    Simulator simulator = simulator("{\"latency_ms\":100,\"jitter_ms\":50}", 5);

    Set<Duration> delays = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      delays.add(response(call(simulator, "session.j")).delay());
    }

    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(ms(100), ms(150)));
    assertThat(delays).contains(ms(100), ms(150)).hasSizeGreaterThan(40);
  }

  @Test
  void resetAndTimeout_areNotDelayed_andTimeoutIsBounded() {
    assertThat(call(simulator("{\"latency_ms\":500,\"reset_rate\":1}", 1), "s"))
        .isEqualTo(new SimOutcome.ConnectionReset());
    assertThat(call(simulator("{\"latency_ms\":500,\"timeout_rate\":1}", 1), "s"))
        .isEqualTo(new SimOutcome.NoAnswer(Simulator.NO_ANSWER_HOLD));
  }

  @Test
  void userPosted_inProcess_drawsRandomFaultsButIgnoresSessionFaults() {
    Simulator limited = simulator("{\"rate_limit_calls\":1,\"latency_ms\":30}", 1);
    Simulator blocked = simulator("{\"soft_block_rate\":1}", 1);

    SimResponse first = response(limited.userPosted(USER, "", 10));
    SimResponse second = response(limited.userPosted(USER, "", 10));

    assertThat(second.bodyText()).isEqualTo(first.bodyText()).contains("\"notes\":[");
    assertThat(second.delay()).isEqualTo(ms(30));
    assertThat(limited.stats()).isEmpty();
    assertThat(response(blocked.userPosted(USER, "", 10)).body())
        .isEqualTo(SimBodies.EMPTY_SUCCESS);
  }

  @Test
  void malformed_forABadUserId_cutsThe400BodyButAnswers200() {
    Simulator simulator = simulator("{\"malformed_rate\":1}", 1);

    SimResponse answer = response(simulator.userPosted("nope", "", 10));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).hasSize(SimBodies.BAD_PARAMETERS.length / 2);
  }

  @Test
  void updateFaults_isAtomic_andRefusalsChangeNothing() {
    Simulator simulator = simulator("{\"captcha_rate\":0.1}", 1);

    SimFaults after = simulator.updateFaults(f -> f.merge("{\"latency_ms\":9}"));
    assertThatThrownBy(() -> simulator.updateFaults(f -> f.merge("{\"latency_ms\":-9}")))
        .isInstanceOf(InvalidFaultsException.class);
    simulator.useFaults(SimFaults.NONE);

    assertThat(after.captchaRate()).isEqualTo(0.1);
    assertThat(after.latency()).isEqualTo(ms(9));
    assertThat(simulator.faults()).isEqualTo(SimFaults.NONE);
  }

  @Test
  void handle_faultsRoutes_readAndMerge() {
    Simulator simulator = simulator("{}", 1);

    SimResponse merged =
        response(
            simulator.handle(
                new SimRequest(
                    "POST", SimProtocol.FAULTS_PATH, "", Map.of(), "{\"jitter_ms\":3}")));
    SimResponse read =
        response(simulator.handle(SimRequest.get(SimProtocol.FAULTS_PATH, "", Map.of())));
    SimResponse refused =
        response(
            simulator.handle(
                new SimRequest("POST", SimProtocol.FAULTS_PATH, "", Map.of(), "{\"x\":1}")));

    assertThat(merged.status()).isEqualTo(200);
    assertThat(read.bodyText()).isEqualTo(merged.bodyText()).contains("\"jitter_ms\":3,");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.bodyText())
        .contains("\"error\":\"invalid_faults\"", "unknown fault key 'x'");
  }

  /** Twenty calls as "status" or "reset", captcha uuids and delays included. */
  private List<String> trace(Simulator simulator) {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      steps.add(
          switch (call(simulator, "session.trace")) {
            case SimResponse r ->
                r.status()
                    + " "
                    + r.headers().get(SimProtocol.VERIFY_UUID_HEADER)
                    + " "
                    + r.delay();
            case SimOutcome.ConnectionReset r -> "reset";
            case SimOutcome.NoAnswer n -> "silence";
          });
    }
    return steps;
  }

  private Simulator simulator(String faults, long seed) {
    return new Simulator(DATASET, signer, SimFaults.NONE.merge(faults), seed, clock);
  }

  private SimOutcome call(Simulator simulator, String sid) {
    return simulator.handle(AppRequests.signed(signer, sid, USER, ""));
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
