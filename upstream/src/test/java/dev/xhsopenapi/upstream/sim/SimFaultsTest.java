package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The fault setting: validation, merge semantics, JSON, and how a draw picks a fault. */
class SimFaultsTest {

  @Test
  void none_isAllZeroWithTheDefaultWindow() {
    assertThat(SimFaults.NONE.toJson())
        .isEqualTo(
            "{\"latency_ms\":0,\"jitter_ms\":0,\"captcha_rate\":0.0,\"soft_block_rate\":0.0,"
                + "\"generic_error_rate\":0.0,\"malformed_rate\":0.0,\"reset_rate\":0.0,"
                + "\"timeout_rate\":0.0,\"expired_sids\":[],\"rate_limit_calls\":0,"
                + "\"rate_limit_window_s\":60,\"out_of_credit\":false,"
                + "\"justoneapi_http_status\":\"always_200\"}");
    assertThat(SimFaults.latencyMs(0)).isEqualTo(SimFaults.NONE);
  }

  @Test
  void merge_changesOnlyTheKeysGiven() {
    SimFaults base = SimFaults.NONE.merge("{\"latency_ms\":20,\"expired_sids\":[\"a\"]}");

    SimFaults merged = base.merge("{\"soft_block_rate\":0.5,\"rate_limit_window_s\":10}");

    assertThat(merged.latency()).isEqualTo(Duration.ofMillis(20));
    assertThat(merged.expiredSids()).containsExactly("a");
    assertThat(merged.softBlockRate()).isEqualTo(0.5);
    assertThat(merged.rateLimitWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(base.merge("{}")).isEqualTo(base);
    assertThat(merged.merge("{\"expired_sids\":[]}").expiredSids()).isEmpty();
  }

  @Test
  void merge_withBadInput_refusesNamingTheKeyAndTheRule() {
    List<List<String>> cases =
        List.of(
            List.of("{\"timeout_rate\":-0.1}", "timeout_rate must be 0.0 to 1.0, got -0.1"),
            List.of("{\"soft_block_rate\":null}", "soft_block_rate must be a number"),
            List.of("{\"latency_ms\":600001}", "latency_ms must be 0 to 600000 ms, got 600001"),
            List.of("{\"latency_ms\":\"5\"}", "latency_ms must be a whole number, got \"5\""),
            List.of("{\"expired_sids\":[\"\"]}", "expired_sids must be an array of sid strings"),
            List.of("{\"expired_sids\":[7]}", "expired_sids must be an array of sid strings"),
            List.of("{\"rate_limit_calls\":-1}", "rate_limit_calls must be a whole number from 0"),
            List.of("{\"rate_limit_calls\":10001}", "from 0 (off) to 10000, got 10001"),
            List.of("{\"rate_limit_calls\":1e12}", "rate_limit_calls must be a whole number"),
            List.of("{\"rate_limit_window_s\":86401}", "from 1 to 86400"),
            List.of("{\"captcha_rate\":0.6,\"malformed_rate\":0.6}", "add up to at most 1.0"),
            List.of("{\"Captcha_Rate\":0.1}", "unknown fault key 'Captcha_Rate'"),
            List.of("{\"out_of_credit\":1}", "out_of_credit must be true or false, got 1"),
            List.of("{\"out_of_credit\":\"true\"}", "out_of_credit must be true or false"),
            List.of("{\"out_of_credit\":null}", "out_of_credit must be true or false, got null"),
            List.of(
                "{\"justoneapi_http_status\":\"Mapped\"}",
                "justoneapi_http_status must be \"always_200\" or \"mapped\", got \"Mapped\""),
            List.of(
                "{\"justoneapi_http_status\":200}",
                "justoneapi_http_status must be \"always_200\" or \"mapped\", got 200"),
            List.of("{\"justoneapi_http_status\":null}", "justoneapi_http_status must be"),
            List.of("{\"out_of_credit_rate\":0.1}", "out_of_credit, justoneapi_http_status"),
            List.of("\"captcha_rate\"", "must be a JSON object"),
            List.of("", "must be a JSON object"),
            List.of("{", "the body is not JSON"));

    for (List<String> c : cases) {
      assertThatThrownBy(() -> SimFaults.NONE.merge(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(InvalidFaultsException.class)
          .hasMessageContaining(c.get(1));
    }
  }

  @Test
  void constructor_refusesWhatTheJsonWouldRefuse() {
    assertThatThrownBy(() -> SimFaults.latencyMs(-5))
        .isInstanceOf(InvalidFaultsException.class)
        .hasMessage("latency_ms must be 0 to 600000 ms, got -5");
    assertThatThrownBy(
            () ->
                new SimFaults(
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Double.NaN,
                    Set.of(),
                    0,
                    Duration.ofSeconds(60)))
        .hasMessageContaining("timeout_rate must be 0.0 to 1.0, got NaN");
    assertThatThrownBy(
            () ->
                new SimFaults(
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Set.of(),
                    0,
                    Duration.ofMillis(1500)))
        .hasMessageContaining("rate_limit_window_s must be a whole number of seconds");
  }

  @Test
  void merge_ofTheVendorKeys_changesThemAndKeepsTheRest() {
    SimFaults base = SimFaults.NONE.merge("{\"captcha_rate\":0.2}");

    SimFaults broke = base.merge("{\"out_of_credit\":true,\"justoneapi_http_status\":\"mapped\"}");

    assertThat(SimFaults.NONE.outOfCredit()).isFalse();
    assertThat(SimFaults.NONE.justOneApiHttpStatus()).isEqualTo(JustOneApiHttpStatus.ALWAYS_200);
    assertThat(broke.outOfCredit()).isTrue();
    assertThat(broke.justOneApiHttpStatus()).isEqualTo(JustOneApiHttpStatus.MAPPED);
    assertThat(broke.captchaRate()).isEqualTo(0.2);
    assertThat(broke.toJson())
        .endsWith("\"out_of_credit\":true,\"justoneapi_http_status\":\"mapped\"}");
    assertThat(broke.merge("{\"captcha_rate\":0}").outOfCredit()).isTrue();
    assertThat(broke.merge("{\"out_of_credit\":false}").outOfCredit()).isFalse();
    assertThatThrownBy(
            () ->
                new SimFaults(
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Set.of(),
                    0,
                    Duration.ofSeconds(60),
                    false,
                    null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void pick_splitsTheDrawInDesignOrder() {
    SimFaults faults =
        SimFaults.NONE.merge(
            "{\"captcha_rate\":0.1,\"soft_block_rate\":0.1,\"generic_error_rate\":0.1,"
                + "\"malformed_rate\":0.1,\"reset_rate\":0.1,\"timeout_rate\":0.1}");

    assertThat(faults.pick(0.0)).contains(SimFault.CAPTCHA);
    assertThat(faults.pick(0.15)).contains(SimFault.SOFT_BLOCK);
    assertThat(faults.pick(0.25)).contains(SimFault.GENERIC_ERROR);
    assertThat(faults.pick(0.35)).contains(SimFault.MALFORMED);
    assertThat(faults.pick(0.45)).contains(SimFault.RESET);
    assertThat(faults.pick(0.55)).contains(SimFault.TIMEOUT);
    assertThat(faults.pick(0.65)).isEmpty();
    assertThat(SimFaults.NONE.merge("{\"reset_rate\":1}").pick(0.999_999)).contains(SimFault.RESET);
    assertThat(SimFaults.NONE.pick(0.0)).isEqualTo(Optional.empty());
  }

  @Test
  void delay_isTheLatencyPlusAJitterOfZeroToJitterMs() {
    SimFaults faults = SimFaults.NONE.merge("{\"latency_ms\":100,\"jitter_ms\":50}");

    assertThat(faults.delay(0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(faults.delay(0.999_999)).isEqualTo(Duration.ofMillis(150));
    assertThat(SimFaults.latencyMs(7).delay(0.999)).isEqualTo(Duration.ofMillis(7));
  }

  @Property(tries = 200)
  void json_roundTripsAnyValidSetting(
      @ForAll @LongRange(max = 600_000) long latencyMs,
      @ForAll @LongRange(max = 600_000) long jitterMs,
      @ForAll @Size(6) List<@DoubleRange(min = 0, max = 1) Double> rates,
      @ForAll @Size(max = 4) Set<@StringLength(min = 1, max = 12) String> sids,
      @ForAll @IntRange(max = 10_000) int calls,
      @ForAll @IntRange(min = 1, max = 86_400) int windowS,
      @ForAll boolean outOfCredit,
      @ForAll JustOneApiHttpStatus httpStatus) {
    double scale = Math.max(1, rates.stream().mapToDouble(Double::doubleValue).sum());
    SimFaults faults =
        new SimFaults(
            Duration.ofMillis(latencyMs),
            Duration.ofMillis(jitterMs),
            rates.get(0) / scale,
            rates.get(1) / scale,
            rates.get(2) / scale,
            rates.get(3) / scale,
            rates.get(4) / scale,
            rates.get(5) / scale,
            sids,
            calls,
            Duration.ofSeconds(windowS),
            outOfCredit,
            httpStatus);

    assertThat(SimFaults.NONE.merge(faults.toJson())).isEqualTo(faults);
  }
}
