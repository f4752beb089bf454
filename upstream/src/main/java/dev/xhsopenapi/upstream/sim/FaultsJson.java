package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes {@link SimFaults} as the JSON object of {@code /_sim/faults}, with the key names
 * of DESIGN §5; every refusal names the key and what it accepts.
 */
final class FaultsJson {

  /** Every key, in the order written and listed in error messages. */
  static final List<String> KEYS =
      List.of(
          "latency_ms",
          "jitter_ms",
          "captcha_rate",
          "soft_block_rate",
          "generic_error_rate",
          "malformed_rate",
          "reset_rate",
          "timeout_rate",
          "expired_sids",
          "rate_limit_calls",
          "rate_limit_window_s");

  private FaultsJson() {}

  /** Parses JSON text into a tree. */
  static JsonNode parse(String text) {
    try {
      return SimJson.MAPPER.readTree(text == null ? "" : text);
    } catch (JacksonException e) {
      throw new InvalidFaultsException(
          "the faults must be a JSON object such as {\"captcha_rate\":0.1}; the body is not JSON ("
              + e.getOriginalMessage()
              + ")");
    }
  }

  /** {@code base} with the keys of {@code update} applied; keys left out keep their value. */
  static SimFaults merge(SimFaults base, JsonNode update) {
    if (update == null || !update.isObject()) {
      throw new InvalidFaultsException(
          "the faults must be a JSON object such as {\"captcha_rate\":0.1}, got "
              + (update == null || update.isMissingNode() ? "nothing" : update.getNodeType()));
    }
    Settings settings = new Settings(base);
    for (Map.Entry<String, JsonNode> field : update.properties()) {
      settings.apply(field.getKey(), field.getValue());
    }
    return settings.build();
  }

  /** The whole setting, every key present, in the order of {@link #KEYS}. */
  static byte[] write(SimFaults faults) {
    return SimJson.write(
        384,
        json -> {
          json.writeStartObject();
          json.writeNumberField("latency_ms", faults.latency().toMillis());
          json.writeNumberField("jitter_ms", faults.jitter().toMillis());
          json.writeNumberField("captcha_rate", faults.captchaRate());
          json.writeNumberField("soft_block_rate", faults.softBlockRate());
          json.writeNumberField("generic_error_rate", faults.genericErrorRate());
          json.writeNumberField("malformed_rate", faults.malformedRate());
          json.writeNumberField("reset_rate", faults.resetRate());
          json.writeNumberField("timeout_rate", faults.timeoutRate());
          json.writeArrayFieldStart("expired_sids");
          for (String sid : faults.expiredSids()) {
            json.writeString(sid);
          }
          json.writeEndArray();
          json.writeNumberField("rate_limit_calls", faults.rateLimitCalls());
          json.writeNumberField("rate_limit_window_s", faults.rateLimitWindow().toSeconds());
          json.writeEndObject();
        });
  }

  /** The values of a setting while an update is applied to them, key by key. */
  private static final class Settings {
    private Duration latency;
    private Duration jitter;
    private double captchaRate;
    private double softBlockRate;
    private double genericErrorRate;
    private double malformedRate;
    private double resetRate;
    private double timeoutRate;
    private Set<String> expiredSids;
    private int rateLimitCalls;
    private Duration rateLimitWindow;

    Settings(SimFaults base) {
      latency = base.latency();
      jitter = base.jitter();
      captchaRate = base.captchaRate();
      softBlockRate = base.softBlockRate();
      genericErrorRate = base.genericErrorRate();
      malformedRate = base.malformedRate();
      resetRate = base.resetRate();
      timeoutRate = base.timeoutRate();
      expiredSids = base.expiredSids();
      rateLimitCalls = base.rateLimitCalls();
      rateLimitWindow = base.rateLimitWindow();
    }

    void apply(String key, JsonNode value) {
      switch (key) {
        case "latency_ms" -> latency = Duration.ofMillis(whole(key, value));
        case "jitter_ms" -> jitter = Duration.ofMillis(whole(key, value));
        case "captcha_rate" -> captchaRate = rate(key, value);
        case "soft_block_rate" -> softBlockRate = rate(key, value);
        case "generic_error_rate" -> genericErrorRate = rate(key, value);
        case "malformed_rate" -> malformedRate = rate(key, value);
        case "reset_rate" -> resetRate = rate(key, value);
        case "timeout_rate" -> timeoutRate = rate(key, value);
        case "expired_sids" -> expiredSids = sids(value);
        case "rate_limit_calls" -> rateLimitCalls = calls(key, value);
        case "rate_limit_window_s" -> rateLimitWindow = Duration.ofSeconds(whole(key, value));
        default ->
            throw new InvalidFaultsException(
                "unknown fault key '" + key + "'; the keys are " + String.join(", ", KEYS));
      }
    }

    SimFaults build() {
      return new SimFaults(
          latency,
          jitter,
          captchaRate,
          softBlockRate,
          genericErrorRate,
          malformedRate,
          resetRate,
          timeoutRate,
          expiredSids,
          rateLimitCalls,
          rateLimitWindow);
    }

    private static long whole(String key, JsonNode value) {
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw new InvalidFaultsException(key + " must be a whole number, got " + value);
      }
      return value.longValue();
    }

    private static int calls(String key, JsonNode value) {
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw new InvalidFaultsException(
            key
                + " must be a whole number from 0 (off) to "
                + SidStats.MAX_TIMES
                + ", got "
                + value);
      }
      return value.intValue();
    }

    private static double rate(String key, JsonNode value) {
      if (!value.isNumber()) {
        throw new InvalidFaultsException(key + " must be a number from 0.0 to 1.0, got " + value);
      }
      return value.doubleValue();
    }

    private static Set<String> sids(JsonNode value) {
      String problem = "expired_sids must be an array of sid strings such as [\"session.1\"], got ";
      if (!value.isArray()) {
        throw new InvalidFaultsException(problem + value);
      }
      Set<String> sids = new TreeSet<>();
      for (JsonNode sid : value) {
        if (!sid.isTextual() || sid.textValue().isEmpty()) {
          throw new InvalidFaultsException(problem + value);
        }
        sids.add(sid.textValue());
      }
      return sids;
    }
  }
}
