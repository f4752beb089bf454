package dev.xhsopenapi.sdk.internal;

import dev.xhsopenapi.sdk.EventListener.WaitReason;
import dev.xhsopenapi.sdk.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Decides whether a failed attempt is tried again, and after how long. */
public final class RetryLadder {
  private RetryLadder() {}

  /** Try again after {@code delay}, waiting for {@code reason}. */
  public record Retry(Duration delay, WaitReason reason) {}

  /**
   * The retry after an attempt, or null to stop and hand its outcome to the caller.
   *
   * @param status the answer's HTTP status, or 0 when no answer came
   * @param retryAfter the answer's {@code Retry-After}, {@link Duration#ZERO} when absent
   * @param attempts the attempts made so far, this one included
   * @param policy the client's retry policy
   * @param random the source of jitter
   */
  public static Retry decide(
      int status, Duration retryAfter, int attempts, RetryPolicy policy, RandomGenerator random) {
    // A success is the answer.
    if (status >= 200 && status < 300) {
      return null;
    }
    // Out of attempts: the caller gets this failure as the evidence.
    if (attempts >= policy.maxAttempts()) {
      return null;
    }
    // The window is full and the server said when a slot frees: waiting that long is enough.
    if (status == 429 && retryAfter.isPositive()) {
      return new Retry(retryAfter, WaitReason.RETRY_AFTER);
    }
    // A 429 that does not say when (not this gateway's): back off as from any passing fault.
    if (status == 429) {
      return backoff(attempts, policy, random);
    }
    // No answer: the request may never have arrived, and repeating a GET is safe.
    if (status == 0) {
      return backoff(attempts, policy, random);
    }
    // A 5xx is not charged and mostly passes (an upstream hiccup, a node restarting).
    if (status >= 500) {
      return backoff(attempts, policy, random);
    }
    // Any other status is a verdict on the request itself; repeating it changes nothing.
    return null;
  }

  /** Full jitter: a uniform delay between zero and the exponential cap. */
  private static Retry backoff(int attempts, RetryPolicy policy, RandomGenerator random) {
    long capMs = policy.backoffCap(attempts).toMillis();
    long delayMs = capMs == 0 ? 0 : random.nextLong(capMs + 1);
    return new Retry(Duration.ofMillis(delayMs), WaitReason.BACKOFF);
  }
}
