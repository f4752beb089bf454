package dev.xhsopenapi.server.account;

/**
 * The bounds of what an operator may set on accounts, keys and credits, stated once for the admin
 * API, the operator console and the configuration, so that the three accept the same values.
 */
public final class Limits {
  /** The lowest rate limit an account may have, in requests per minute. */
  public static final int MIN_RATE_LIMIT_PER_MINUTE = 1;

  /** The highest rate limit an account may have, in requests per minute. */
  public static final int MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

  /**
   * The largest number of credits one change may move, and the largest opening balance: a quarter
   * of {@code Long.MAX_VALUE}, so that sums of balances and reservations cannot overflow.
   */
  public static final long MAX_CREDITS = Long.MAX_VALUE / 4;

  /** The longest account or key name, in characters (after stripping surrounding blanks). */
  public static final int MAX_NAME_LENGTH = 200;

  /** The longest reason recorded with a credit change, in characters. */
  public static final int MAX_REASON_LENGTH = 200;

  private Limits() {}

  /** Whether {@code perMinute} is an allowed rate limit. */
  public static boolean isRateLimit(long perMinute) {
    return perMinute >= MIN_RATE_LIMIT_PER_MINUTE && perMinute <= MAX_RATE_LIMIT_PER_MINUTE;
  }

  /**
   * Whether {@code amount} may be moved by one credit change: not 0, at most {@link #MAX_CREDITS}.
   */
  public static boolean isCreditChange(long amount) {
    return amount != 0 && amount >= -MAX_CREDITS && amount <= MAX_CREDITS;
  }
}
