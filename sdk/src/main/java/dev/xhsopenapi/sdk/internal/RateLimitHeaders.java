package dev.xhsopenapi.sdk.internal;

import dev.xhsopenapi.sdk.RateLimit;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the rate-limit state and {@code Retry-After} of an answer: {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}, or else the IETF draft pair {@code
 * RateLimit: "default";r=…;t=…} and {@code RateLimit-Policy: "default";q=…;w=…}.
 */
public final class RateLimitHeaders {
  /** A reset above this is an epoch second (as some APIs send), not a number of seconds. */
  private static final long EPOCH_SECONDS_FLOOR = 1_000_000_000L;

  private RateLimitHeaders() {}

  /**
   * The rate-limit state the headers report.
   *
   * @param headers the answer's headers
   * @param clock to turn an epoch-second reset into a wait
   * @return the state, or null when the headers report none
   */
  public static RateLimit parse(HttpHeaders headers, Clock clock) {
    OptionalLong remaining = number(headers.firstValue("X-RateLimit-Remaining"));
    OptionalLong reset = number(headers.firstValue("X-RateLimit-Reset"));
    OptionalLong limit = number(headers.firstValue("X-RateLimit-Limit"));
    if (remaining.isEmpty() || reset.isEmpty()) {
      Optional<String> ietf = headers.firstValue("RateLimit");
      remaining = ietf.map(v -> parameter(v, "r")).orElse(OptionalLong.empty());
      reset = ietf.map(v -> parameter(v, "t")).orElse(OptionalLong.empty());
      limit = headers.firstValue("RateLimit-Policy").map(v -> parameter(v, "q")).orElse(limit);
    }
    if (remaining.isEmpty() || reset.isEmpty()) {
      return null;
    }
    long seconds = reset.getAsLong();
    if (seconds > EPOCH_SECONDS_FLOOR) {
      seconds = Math.max(0, seconds - clock.millis() / 1000);
    }
    return new RateLimit(
        (int) Math.min(Integer.MAX_VALUE, limit.orElse(-1)),
        (int) Math.min(Integer.MAX_VALUE, remaining.getAsLong()),
        Duration.ofSeconds(seconds));
  }

  /**
   * The wait {@code Retry-After} asks for: whole seconds, or an HTTP date.
   *
   * @return the wait, or {@link Duration#ZERO} when the header is absent or unreadable
   */
  public static Duration retryAfter(HttpHeaders headers, Clock clock) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
    if (value.isEmpty()) {
      return Duration.ZERO;
    }
    OptionalLong seconds = number(value);
    if (seconds.isPresent()) {
      return Duration.ofSeconds(seconds.getAsLong());
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return Duration.ZERO;
    }
  }

  /**
   * A header's value as a whole number of at most 18 digits.
   *
   * @return the number, or empty when the header is absent or not such a number
   */
  static OptionalLong number(Optional<String> value) {
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    String text = value.get().strip();
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(text));
  }

  /** The value of {@code name} in the first item of a structured header such as {@code "x";r=1}. */
  private static OptionalLong parameter(String header, String name) {
    String item = header.split(",", -1)[0];
    for (String part : item.split(";", -1)) {
      String p = part.strip();
      if (p.startsWith(name + "=")) {
        return number(Optional.of(p.substring(name.length() + 1)));
      }
    }
    return OptionalLong.empty();
  }
}
