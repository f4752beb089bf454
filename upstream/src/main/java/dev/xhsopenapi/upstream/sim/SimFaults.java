package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ways the simulator departs from a perfect upstream, as set by flags or {@code POST
 * /_sim/faults}: a delay before every answer, six random faults drawn once per call (their rates
 * add up to at most 1), sessions whose login has expired, a call limit per session (App) or per API
 * key (vendor flavours), an exhausted vendor balance, and how the JustOneAPI flavour picks its HTTP
 * status. How each fault looks in a vendor flavour is that vendor's way of failing (see {@link
 * SimFlavor}).
 *
 * @param latency fixed delay before every App answer
 * @param jitter the most extra delay, drawn uniformly from 0…jitter in whole milliseconds
 * @param captchaRate share of calls answered HTTP 461 with {@code Verifytype}/{@code Verifyuuid}
 * @param softBlockRate share answered HTTP 200 with the success wrapper and {@code data:{}}
 * @param genericErrorRate share answered {@code {"code":-1,"success":false}}
 * @param malformedRate share answered with the real page cut in half
 * @param resetRate share whose connection is closed without an answer
 * @param timeoutRate share never answered until the client gives up
 * @param expiredSids sessions answered {@code -100} 登录已过期
 * @param rateLimitCalls the most calls a session (App) or an API key (vendor flavours) may make in
 *     {@code rateLimitWindow} before it is answered {@code 300013} (App) or the vendor's rate-limit
 *     error; 0 turns the limit off
 * @param rateLimitWindow the window of {@code rateLimitCalls}, whole seconds
 * @param outOfCredit whether a vendor flavour answers every call with its balance error (402, or
 *     JustOneAPI's 601); the App flavour has no balance, so it ignores this
 * @param justOneApiHttpStatus the HTTP status of the JustOneAPI flavour's answers; the other
 *     flavours ignore it
 */
public record SimFaults(
    Duration latency,
    Duration jitter,
    double captchaRate,
    double softBlockRate,
    double genericErrorRate,
    double malformedRate,
    double resetRate,
    double timeoutRate,
    Set<String> expiredSids,
    int rateLimitCalls,
    Duration rateLimitWindow,
    boolean outOfCredit,
    JustOneApiHttpStatus justOneApiHttpStatus) {

  /** The longest latency or jitter accepted: ten minutes. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(10);

  /** The longest window of the per-session call limit: one day. */
  public static final Duration MAX_RATE_LIMIT_WINDOW = Duration.ofDays(1);

  /** The window of the per-session call limit when none is given. */
  public static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofSeconds(60);

  /** No faults: every answer at once, every session fresh, no call limit. */
  public static final SimFaults NONE = latencyMs(0);

  /** Slack for rates such as 0.1 + 0.2 whose binary sum lands just above what was meant. */
  private static final double RATE_SUM_SLACK = 1e-9;

  /**
   * Creates a fault setting.
   *
   * @throws InvalidFaultsException when a value is out of range, naming it by its JSON key
   */
  public SimFaults {
    checkDelay("latency_ms", latency);
    checkDelay("jitter_ms", jitter);
    checkRate("captcha_rate", captchaRate);
    checkRate("soft_block_rate", softBlockRate);
    checkRate("generic_error_rate", genericErrorRate);
    checkRate("malformed_rate", malformedRate);
    checkRate("reset_rate", resetRate);
    checkRate("timeout_rate", timeoutRate);
    double sum =
        captchaRate + softBlockRate + genericErrorRate + malformedRate + resetRate + timeoutRate;
    if (sum > 1 + RATE_SUM_SLACK) {
      throw new InvalidFaultsException(
          "one draw picks at most one fault per call, so the six *_rate values must add up to at"
              + " most 1.0, got "
              + sum
              + "; lower one of them (set it to 0 to turn it off)");
    }
    expiredSids = sortedSids(expiredSids);
    if (rateLimitCalls < 0 || rateLimitCalls > SidStats.MAX_TIMES) {
      throw new InvalidFaultsException(
          "rate_limit_calls must be a whole number from 0 (off) to "
              + SidStats.MAX_TIMES
              + ", got "
              + rateLimitCalls);
    }
    Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
    if (rateLimitWindow.toNanosPart() != 0
        || rateLimitWindow.compareTo(Duration.ofSeconds(1)) < 0
        || rateLimitWindow.compareTo(MAX_RATE_LIMIT_WINDOW) > 0) {
      throw new InvalidFaultsException(
          "rate_limit_window_s must be a whole number of seconds from 1 to "
              + MAX_RATE_LIMIT_WINDOW.toSeconds()
              + ", got "
              + rateLimitWindow);
    }
    Objects.requireNonNull(justOneApiHttpStatus, "justOneApiHttpStatus");
  }

  /**
   * Creates a fault setting with a vendor balance left and JustOneAPI answering HTTP 200 always,
   * the setting as it was before vendor flavours existed.
   *
   * @throws InvalidFaultsException when a value is out of range, naming it by its JSON key
   */
  public SimFaults(
      Duration latency,
      Duration jitter,
      double captchaRate,
      double softBlockRate,
      double genericErrorRate,
      double malformedRate,
      double resetRate,
      double timeoutRate,
      Set<String> expiredSids,
      int rateLimitCalls,
      Duration rateLimitWindow) {
    this(
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
        rateLimitWindow,
        false,
        JustOneApiHttpStatus.ALWAYS_200);
  }

  /** No fault but a fixed latency in milliseconds. */
  public static SimFaults latencyMs(long millis) {
    return new SimFaults(
        Duration.ofMillis(millis),
        Duration.ZERO,
        0,
        0,
        0,
        0,
        0,
        0,
        Set.of(),
        0,
        DEFAULT_RATE_LIMIT_WINDOW);
  }

  /**
   * This setting with the keys of a {@code POST /_sim/faults} body applied: {@code latency_ms},
   * {@code jitter_ms} (whole ms), the six {@code *_rate} values (0.0…1.0), {@code expired_sids}
   * (array of strings, replaces the set), {@code rate_limit_calls} and {@code rate_limit_window_s}
   * (whole seconds), {@code out_of_credit} (boolean) and {@code justoneapi_http_status} ({@code
   * "always_200"} or {@code "mapped"}); keys left out keep their value.
   *
   * @throws InvalidFaultsException when {@code update} is not an object, has an unknown key, or a
   *     value of the wrong type or out of range; the message says which and what is allowed
   */
  public SimFaults merge(JsonNode update) {
    return FaultsJson.merge(this, update);
  }

  /**
   * Like {@link #merge(JsonNode)}, from JSON text such as {@code {"captcha_rate":1.0}}.
   *
   * @throws InvalidFaultsException when the text is not a JSON object or {@link #merge(JsonNode)}
   *     refuses it
   */
  public SimFaults merge(String update) {
    return FaultsJson.merge(this, FaultsJson.parse(update));
  }

  /**
   * This setting as JSON, every key present, in the order of DESIGN §5 followed by {@code
   * out_of_credit} and {@code justoneapi_http_status}.
   */
  public String toJson() {
    return new String(FaultsJson.write(this), UTF_8);
  }

  /** The random fault that a uniform draw in {@code [0, 1)} falls on, or empty for none. */
  Optional<SimFault> pick(double draw) {
    double edge = 0;
    for (SimFault fault : SimFault.values()) {
      edge += rate(fault);
      if (draw < edge) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  /** The delay before an answer, for a uniform draw in {@code [0, 1)} that sets the jitter. */
  Duration delay(double draw) {
    long extraMs = (long) (draw * (jitter.toMillis() + 1));
    return latency.plusMillis(extraMs);
  }

  /**
   * Whether a session or key that made {@code recentCalls} calls within the window, this one
   * included, is over its limit.
   */
  boolean overRateLimit(long recentCalls) {
    return rateLimitCalls > 0 && recentCalls > rateLimitCalls;
  }

  private double rate(SimFault fault) {
    return switch (fault) {
      case CAPTCHA -> captchaRate;
      case SOFT_BLOCK -> softBlockRate;
      case GENERIC_ERROR -> genericErrorRate;
      case MALFORMED -> malformedRate;
      case RESET -> resetRate;
      case TIMEOUT -> timeoutRate;
    };
  }

  private static void checkDelay(String key, Duration delay) {
    Objects.requireNonNull(delay, key);
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new InvalidFaultsException(
          key + " must be 0 to " + MAX_DELAY.toMillis() + " ms, got " + delay.toMillis());
    }
  }

  private static Set<String> sortedSids(Set<String> sids) {
    SortedSet<String> sorted = new TreeSet<>();
    for (String sid : Objects.requireNonNull(sids, "expiredSids")) {
      if (sid == null || sid.isEmpty()) {
        throw new InvalidFaultsException("expired_sids must hold non-empty sid strings");
      }
      sorted.add(sid);
    }
    return Collections.unmodifiableSortedSet(sorted);
  }

  private static void checkRate(String key, double rate) {
    // Written so that NaN fails too.
    if (!(rate >= 0 && rate <= 1)) {
      throw new InvalidFaultsException(key + " must be 0.0 to 1.0, got " + rate);
    }
  }
}
