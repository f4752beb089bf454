package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.xhsopenapi.upstream.JsonBinding;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads and writes {@link SimFaults} as the JSON object of {@code /_sim/faults}, with the key names
 * of DESIGN §5: a body binds to {@link Update} (every key optional; a key left out keeps its value,
 * {@code null} is refused), the setting is written from {@link View}. Every refusal names the key
 * and what it accepts.
 */
final class FaultsJson {
  private static final ObjectMapper READ = JsonBinding.mapper(false);
  private static final ObjectMapper WRITE =
      JsonMapper.builder(SimJson.FACTORY)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  /** What each key accepts, as said in refusals. */
  private static final Map<String, String> ACCEPTS =
      Map.ofEntries(
          Map.entry("latency_ms", "a whole number"),
          Map.entry("jitter_ms", "a whole number"),
          Map.entry("captcha_rate", "a number from 0.0 to 1.0"),
          Map.entry("soft_block_rate", "a number from 0.0 to 1.0"),
          Map.entry("generic_error_rate", "a number from 0.0 to 1.0"),
          Map.entry("malformed_rate", "a number from 0.0 to 1.0"),
          Map.entry("reset_rate", "a number from 0.0 to 1.0"),
          Map.entry("timeout_rate", "a number from 0.0 to 1.0"),
          Map.entry("expired_sids", "an array of sid strings such as [\"session.1\"]"),
          Map.entry("rate_limit_calls", "a whole number from 0 (off) to " + SidStats.MAX_TIMES),
          Map.entry("rate_limit_window_s", "a whole number"),
          Map.entry("out_of_credit", "true or false"),
          Map.entry("justoneapi_http_status", "\"always_200\" or \"mapped\""));

  /**
   * A {@code POST /_sim/faults} body: every key optional, null where left out (an explicit JSON
   * {@code null} is refused).
   *
   * @param expiredSids replaces the whole set when given
   */
  record Update(
      Long latencyMs,
      Long jitterMs,
      Double captchaRate,
      Double softBlockRate,
      Double genericErrorRate,
      Double malformedRate,
      Double resetRate,
      Double timeoutRate,
      List<String> expiredSids,
      Integer rateLimitCalls,
      Long rateLimitWindowS,
      Boolean outOfCredit,
      String justoneapiHttpStatus) {}

  /** The whole setting as written: every key, in the order of DESIGN §5. */
  record View(
      long latencyMs,
      long jitterMs,
      double captchaRate,
      double softBlockRate,
      double genericErrorRate,
      double malformedRate,
      double resetRate,
      double timeoutRate,
      Set<String> expiredSids,
      int rateLimitCalls,
      long rateLimitWindowS,
      boolean outOfCredit,
      String justoneapiHttpStatus) {}

  /** Every key, in the order written and listed in error messages. */
  static final List<String> KEYS =
      Arrays.stream(Update.class.getRecordComponents())
          .map(RecordComponent::getName)
          .map(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE::translate)
          .toList();

  private FaultsJson() {}

  /** Parses JSON text into a tree. */
  static JsonNode parse(String text) {
    try {
      return READ.readTree(text == null ? "" : text);
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
    // Jackson binds a key left out and a key set to null alike; only the first keeps its value.
    for (Map.Entry<String, JsonNode> field : update.properties()) {
      if (field.getValue().isNull() && ACCEPTS.containsKey(field.getKey())) {
        throw refused(field.getKey(), update);
      }
    }
    Update u;
    try {
      u = READ.treeToValue(update, Update.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidFaultsException(
          "unknown fault key '"
              + e.getPropertyName()
              + "'; the keys are "
              + String.join(", ", KEYS));
    } catch (JacksonException e) {
      throw new InvalidFaultsException(refusal(e, update));
    }
    if (u.expiredSids() != null
        && u.expiredSids().stream().anyMatch(sid -> sid == null || sid.isEmpty())) {
      throw refused("expired_sids", update);
    }
    JustOneApiHttpStatus httpStatus = base.justOneApiHttpStatus();
    if (u.justoneapiHttpStatus() != null) {
      httpStatus =
          JustOneApiHttpStatus.of(u.justoneapiHttpStatus())
              .orElseThrow(() -> refused("justoneapi_http_status", update));
    }
    return new SimFaults(
        or(u.latencyMs(), Duration::ofMillis, base.latency()),
        or(u.jitterMs(), Duration::ofMillis, base.jitter()),
        or(u.captchaRate(), base.captchaRate()),
        or(u.softBlockRate(), base.softBlockRate()),
        or(u.genericErrorRate(), base.genericErrorRate()),
        or(u.malformedRate(), base.malformedRate()),
        or(u.resetRate(), base.resetRate()),
        or(u.timeoutRate(), base.timeoutRate()),
        u.expiredSids() == null ? base.expiredSids() : new TreeSet<>(u.expiredSids()),
        u.rateLimitCalls() == null ? base.rateLimitCalls() : u.rateLimitCalls(),
        or(u.rateLimitWindowS(), Duration::ofSeconds, base.rateLimitWindow()),
        u.outOfCredit() == null ? base.outOfCredit() : u.outOfCredit(),
        httpStatus);
  }

  /** The whole setting, every key present, in the order of {@link #KEYS}. */
  static byte[] write(SimFaults f) {
    try {
      return WRITE.writeValueAsBytes(
          new View(
              f.latency().toMillis(),
              f.jitter().toMillis(),
              f.captchaRate(),
              f.softBlockRate(),
              f.genericErrorRate(),
              f.malformedRate(),
              f.resetRate(),
              f.timeoutRate(),
              f.expiredSids(),
              f.rateLimitCalls(),
              f.rateLimitWindow().toSeconds(),
              f.outOfCredit(),
              f.justOneApiHttpStatus().wireName()));
    } catch (JacksonException e) {
      // Only a bug in View can get here: memory does not fail like a socket.
      throw new IllegalStateException("could not write the faults", e);
    }
  }

  /** The refusal of a value of the wrong type: the key, what it accepts, and the value given. */
  private static String refusal(JacksonException e, JsonNode update) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String key = m.getPath().get(0).getFieldName();
      if (key != null && ACCEPTS.containsKey(key)) {
        return refused(key, update).getMessage();
      }
    }
    return JsonBinding.describe(e);
  }

  private static InvalidFaultsException refused(String key, JsonNode update) {
    return new InvalidFaultsException(
        key + " must be " + ACCEPTS.get(key) + ", got " + update.get(key));
  }

  private static double or(Double value, double base) {
    return value == null ? base : value;
  }

  private static Duration or(Long value, Function<Long, Duration> unit, Duration base) {
    return value == null ? base : unit.apply(value);
  }
}
