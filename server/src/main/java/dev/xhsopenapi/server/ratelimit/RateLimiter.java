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

  /**
   * Accepts a key's request only if both its account's window and the key's own have room, counting
   * it in both, atomically; otherwise counts it in neither (a refused request never counts).
   *
   * @param keyId the key, whose window is kept apart from every account's
   */
  KeyedDecision tryAcquire(String accountId, int accountLimit, String keyId, int keyLimit);

  /** The name of a key's window, apart from the accounts' (whose ids start {@code acc_}). */
  static String keyWindow(String keyId) {
    return "key:" + keyId;
  }
}
