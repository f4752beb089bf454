package dev.xhsopenapi.server.billing;

import java.time.LocalDate;
import java.util.Map;

/**
 * Credits: held before a call goes upstream, then charged or given back. Every movement is a ledger
 * row keyed by the request id, so a request can be charged at most once, and for every account
 * {@code sum(top-ups) - sum(charges) = balance + open reservations}.
 */
public interface CreditLedger {

  /**
   * Holds {@code amount} credits of the account for the request.
   *
   * @return false (holding nothing) when the balance is below {@code amount}
   */
  boolean reserve(String accountId, String requestId, long amount);

  /**
   * Starts holding {@code amount} credits of the account for the request and returns before the
   * hold is settled, so that the caller can ask the upstream meanwhile; {@link Reservation#held}
   * waits for the outcome, which is what {@link #reserve} would have returned. The caller must have
   * the outcome before it commits or releases the request. This default settles the hold before it
   * returns, as {@link #reserve} does.
   *
   * @throws RuntimeException when the store fails (here, or later from {@code held()})
   */
  default Reservation startReserve(String accountId, String requestId, long amount) {
    boolean held = reserve(accountId, requestId, amount);
    return () -> held;
  }

  /** A hold of credits that {@link #startReserve} started. */
  @FunctionalInterface
  interface Reservation {

    /**
     * Waits until the hold is settled.
     *
     * @return true when the credits are held; false when the balance was below the amount and
     *     nothing is held
     * @throws RuntimeException when the store failed or the wait was interrupted: whether the
     *     credits are held is then unknown, and a hold left open is given back as abandoned later
     *     ({@link #releaseOlderThan}, {@link #releaseAllOpen})
     */
    boolean held();
  }

  /**
   * Charges {@code amount} credits for a request whose answer is already at hand (a page in the
   * cache): the reservation and its commit in one step, as nothing between them can fail. Writes
   * the same charge row as {@link #commit}.
   *
   * @return false (charging nothing) when the balance is below {@code amount}
   */
  boolean charge(String accountId, String requestId, long amount);

  /**
   * Turns the request's reservation into a charge.
   *
   * @return whether a reservation was open (a second commit, or one after a release, is a no-op)
   */
  boolean commit(String requestId);

  /**
   * Gives the request's reserved credits back.
   *
   * @return whether a reservation was open (releasing twice gives back once)
   */
  boolean release(String requestId);

  /** Gives back every reservation left open, as after a crash; returns how many. */
  int releaseAllOpen();

  /**
   * Gives back the reservations made before {@code epochMs}: no request lives that long, so their
   * node died before settling them. Returns how many.
   */
  int releaseOlderThan(long epochMs);

  /**
   * Adds (or with a negative amount removes) credits, keyed by the admin request's id.
   *
   * @return the new balance
   * @throws InsufficientBalanceException when a removal would make the balance negative
   * @throws java.util.NoSuchElementException when the account does not exist
   */
  long adjust(String accountId, String requestId, long amount, String reason);

  /** Credits charged to the account per UTC day, for days in {@code [from, to]}. */
  Map<LocalDate, Long> chargedByDay(String accountId, LocalDate from, LocalDate to);

  /** Thrown when a removal of credits would make a balance negative. */
  final class InsufficientBalanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the account's current balance. */
    public InsufficientBalanceException(long balance) {
      super("the balance is " + balance + ", which this removal would make negative");
    }
  }
}
