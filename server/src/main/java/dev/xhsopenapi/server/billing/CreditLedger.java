package dev.xhsopenapi.server.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Credits: held before a call goes upstream, then charged or given back. Every movement is a ledger
 * row keyed by the request id, so a request can be charged at most once, and for every account
 * {@code sum(top-ups) - sum(charges) = balance + open reservations}.
 */
public interface CreditLedger {

  /**
   * Holds the credits of {@code spend} for the request, within its daily caps: the day's charges
   * and open reservations of the account (and of the key) plus this amount may not pass the cap.
   * The check and the debit are one step under the account's row lock, so the caps are exact across
   * nodes sharing the store.
   *
   * @return the outcome, the balance after it, and whether it crossed the low-balance threshold
   */
  Debit reserve(String requestId, Spend spend);

  /**
   * Charges the credits of {@code spend} for a request whose answer is already at hand (a page in
   * the cache): the reservation and its commit in one step, as nothing between them can fail.
   * Writes the same charge row as {@link #commit}; caps as {@link #reserve(String, Spend)}.
   */
  Debit charge(String requestId, Spend spend);

  /**
   * Holds {@code amount} credits of the account for the request, without caps.
   *
   * @return false (holding nothing) when the balance is below {@code amount}
   */
  default boolean reserve(String accountId, String requestId, long amount) {
    return reserve(requestId, Spend.of(accountId, amount)).debited();
  }

  /**
   * Starts holding the credits of {@code spend} for the request and returns before the hold is
   * settled, so that the caller can ask the upstream meanwhile; {@link Reservation#held} waits for
   * the outcome, which is what {@link #reserve(String, Spend)} would have returned. The caller must
   * have the outcome before it commits or releases the request. This default settles the hold
   * before it returns.
   *
   * @throws RuntimeException when the store fails (here, or later from {@code held()})
   */
  default Reservation startReserve(String requestId, Spend spend) {
    Debit debit = reserve(requestId, spend);
    return () -> debit;
  }

  /** A hold of credits that {@link #startReserve} started. */
  @FunctionalInterface
  interface Reservation {

    /**
     * Waits until the hold is settled.
     *
     * @return the outcome: {@link Debit#debited()} when the credits are held; nothing is held
     *     otherwise (balance too low, or a daily cap)
     * @throws RuntimeException when the store failed or the wait was interrupted: whether the
     *     credits are held is then unknown, and a hold left open is given back as abandoned later
     *     ({@link #releaseOlderThan}, {@link #releaseAllOpen})
     */
    Debit held();
  }

  /**
   * Charges {@code amount} credits at once, without caps (see {@link #charge(String, Spend)}).
   *
   * @return false (charging nothing) when the balance is below {@code amount}
   */
  default boolean charge(String accountId, String requestId, long amount) {
    return charge(requestId, Spend.of(accountId, amount)).debited();
  }

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

  /**
   * Credits charged to the account per UTC day, for days in {@code [from, to]}: the rows of {@link
   * #chargedBy} summed by day, so the two always agree.
   */
  default Map<LocalDate, Long> chargedByDay(String accountId, LocalDate from, LocalDate to) {
    Map<LocalDate, Long> out = new TreeMap<>();
    for (Charged row : chargedBy(accountId, from, to)) {
      out.merge(row.day(), row.credits(), Long::sum);
    }
    return out;
  }

  /**
   * Credits charged to the account per UTC day, operation and key, for days in {@code [from, to]},
   * ordered by day, operation, key (nulls first).
   */
  List<Charged> chargedBy(String accountId, LocalDate from, LocalDate to);

  /**
   * The credits charged on one UTC day for one operation through one key.
   *
   * @param operation the operation id, or null for charges that do not name one
   * @param keyId the key, or null for charges made without one (watch polls)
   */
  record Charged(LocalDate day, String operation, String keyId, long credits) {}

  /** Thrown when a removal of credits would make a balance negative. */
  final class InsufficientBalanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the account's current balance. */
    public InsufficientBalanceException(long balance) {
      super("the balance is " + balance + ", which this removal would make negative");
    }
  }
}
