package dev.xhsopenapi.server.ratelimit;

/**
 * A strict rolling-window limit per account: in no window of {@link #WINDOW_MS} does an account get
 * more than its limit of accepted requests.
 */
public interface RateLimiter {
  /** The window's length. */
  long WINDOW_MS = 60_000;

  /** Accepts the request if the window has room, counting it; otherwise refuses it. */
  RateLimitDecision tryAcquire(String accountId, int limit);

  /** The window's state without counting anything (for responses refused before the limiter). */
  RateLimitDecision peek(String accountId, int limit);
}
