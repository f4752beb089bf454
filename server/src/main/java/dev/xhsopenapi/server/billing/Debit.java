package dev.xhsopenapi.server.billing;

/**
 * What the ledger did with a {@link Spend}.
 *
 * @param outcome whether the credits were taken, or why not
 * @param balance the account's balance right after the debit (when taken; else 0)
 * @param lowBalanceCrossed whether this debit took the balance under the account's low-balance
 *     threshold while the account was not yet warned: exactly one debit per crossing sees true
 */
public record Debit(Outcome outcome, long balance, boolean lowBalanceCrossed) {

  /** Why a debit was or was not made. */
  public enum Outcome {
    /** The credits were taken. */
    DEBITED,
    /** The balance is below the amount. */
    INSUFFICIENT_CREDITS,
    /** The account's daily credit cap would be passed. */
    ACCOUNT_CAP_REACHED,
    /** The key's daily credit cap would be passed. */
    KEY_CAP_REACHED
  }

  /** A refusal, taking nothing. */
  public static Debit refused(Outcome outcome) {
    return new Debit(outcome, 0, false);
  }

  /** Whether the credits were taken. */
  public boolean debited() {
    return outcome == Outcome.DEBITED;
  }
}
