package dev.xhsopenapi.server.ratelimit;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.time.Duration;

/**
 * The shared rate limiter could not decide, so the request must be refused (HTTP 503) rather than
 * let past the limit unchecked.
 */
public final class RateLimiterUnavailableException extends RuntimeException {
  private final String address;

  private RateLimiterUnavailableException(String address, String message, Throwable cause) {
    super(message, cause);
    this.address = address;
  }

  /** The {@code host:port} of the Redis that did not answer. */
  public String address() {
    return address;
  }

  /** Explains in plain words why Redis at {@code address} gave no decision. */
  static RateLimiterUnavailableException from(
      String address, Duration timeout, RedisException cause) {
    String message;
    if (cause instanceof RedisCommandTimeoutException) {
      message =
          "the rate limiter's Redis at "
              + address
              + " did not answer within "
              + timeout.toMillis()
              + " ms";
    } else if (cause instanceof RedisConnectionException) {
      message =
          "cannot connect to the rate limiter's Redis at "
              + address
              + " ("
              + rootMessage(cause)
              + "); check that it is running and that --redis points at it";
    } else {
      message = "the rate limiter's Redis at " + address + " failed: " + rootMessage(cause);
    }
    return new RateLimiterUnavailableException(address, message, cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    // Bounded: a cause chain may loop.
    for (int depth = 0; depth < 10 && root.getCause() != null; depth++) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
