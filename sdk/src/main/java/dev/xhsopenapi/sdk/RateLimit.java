package dev.xhsopenapi.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * The account's rate-limit state as one response reported it ({@code X-RateLimit-*} or the IETF
 * {@code RateLimit} header).
 *
 * @param limit requests the account may make per window, or -1 when the server did not say
 * @param remaining requests the window still accepts after this one
 * @param reset how long until a slot of the window frees
 */
public record RateLimit(int limit, int remaining, Duration reset) {

  /** Checks the values. */
  public RateLimit {
    Objects.requireNonNull(reset, "reset");
    if (remaining < 0) {
      throw new IllegalArgumentException("remaining must be 0 or more, got " + remaining);
    }
    if (reset.isNegative()) {
      throw new IllegalArgumentException("reset must not be negative, got " + reset);
    }
  }
}
