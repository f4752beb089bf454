package dev.xhsopenapi.server.ratelimit;

/**
 * The limiter's answer for a request of a key that has a limit of its own inside its account's:
 * both windows' decisions. The request was accepted (and counted in both) only when both allow it.
 *
 * @param account the account's window
 * @param key the key's window
 */
public record KeyedDecision(RateLimitDecision account, RateLimitDecision key) {

  /** Whether the request was accepted. */
  public boolean allowed() {
    return account.allowed() && key.allowed();
  }

  /**
   * The decision the headers report: the window that refused (the account's when both did), else
   * the one with fewer calls left (the key's on a tie, as it is the narrower rule).
   */
  public RateLimitDecision binding() {
    return keyBinds() ? key : account;
  }

  /** Whether {@link #binding()} is the key's window. */
  public boolean keyBinds() {
    if (!account.allowed()) {
      return false;
    }
    return !key.allowed() || key.remaining() <= account.remaining();
  }
}
