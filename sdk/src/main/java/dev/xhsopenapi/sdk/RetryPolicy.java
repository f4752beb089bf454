package dev.xhsopenapi.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a call is tried: at most {@code maxAttempts} requests per call, with
 * exponential backoff and full jitter between network failures and 5xx answers, and exactly the
 * server's {@code Retry-After} after a 429.
 *
 * @param maxAttempts requests per call, the first included (1 = never retry)
 * @param baseBackoff the cap of the first backoff; each further retry doubles it
 * @param maxBackoff the largest cap of a backoff
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

  /** Five attempts, backoff caps of 0.5 s, 1 s, 2 s, 4 s (at most 30 s). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

  /** One attempt: every failure reaches the caller at once. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /** Checks the values. */
  public RetryPolicy {
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (baseBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoffs must not be negative");
    }
    if (maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff (" + maxBackoff + ") is below baseBackoff (" + baseBackoff + ")");
    }
  }

  /**
   * The cap of the backoff before retry number {@code retry} (1 for the first retry): {@code
   * baseBackoff × 2^(retry-1)}, at most {@code maxBackoff}.
   *
   * @param retry which retry, from 1
   * @return the largest delay full jitter may pick
   */
  public Duration backoffCap(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry counts from 1, got " + retry);
    }
    int doublings = Math.min(retry - 1, 30);
    long millis = baseBackoff.toMillis();
    for (int i = 0; i < doublings && millis < maxBackoff.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
