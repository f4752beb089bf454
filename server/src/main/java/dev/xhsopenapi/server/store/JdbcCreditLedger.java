package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Debit;
import dev.xhsopenapi.server.billing.Spend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The credit ledger in the relational store. The balance lives on the account row and is only ever
 * changed by a conditional update in the same transaction as the row that explains it, so it cannot
 * go negative and cannot drift from the ledger, whatever runs concurrently.
 */
public final class JdbcCreditLedger implements CreditLedger {
  private final Database db;
  private final Clock clock;

  /** Creates the ledger. */
  public JdbcCreditLedger(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Debit reserve(String requestId, Spend spend) {
    long now = clock.millis();
    return db.transaction(
        "reserving credits for " + requestId, c -> reserve(c, requestId, spend, now));
  }

  @Override
  public Debit charge(String requestId, Spend spend) {
    long now = clock.millis();
    return db.transaction("charging " + requestId, c -> charge(c, requestId, spend, now));
  }

  @Override
  public boolean commit(String requestId) {
    long now = clock.millis();
    return db.transaction("charging " + requestId, c -> commit(c, requestId, now));
  }

  @Override
  public boolean release(String requestId) {
    return db.transaction("releasing the credits of " + requestId, c -> release(c, requestId));
  }

  /** Takes credits off a balance when it holds them; the statement of set-wise charges. */
  static final String DEBIT =
      "UPDATE accounts SET balance = balance - ? WHERE account_id = ? AND balance >= ?";

  /** The statement of a ledger row. */
  static final String INSERT_ENTRY =
      "INSERT INTO credit_ledger (request_id, kind, account_id, amount, reason, at, day, key_id,"
          + " operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Adds to the credits an account was charged on a UTC day for an operation through a key ('' for
   * none: a watch's poll has no key, a charge written before keys were recorded neither); written
   * with every charge row, in its transaction, so that it always equals the sum of those rows.
   * Caps, usage and the export read it, never the ledger itself (which has no index).
   */
  static final String ADD_CHARGED =
      "INSERT INTO credit_charged_daily (account_id, day, operation, key_id, charged)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, day, operation, key_id)"
          + " DO UPDATE SET charged = credit_charged_daily.charged + excluded.charged";

  /** Holds credits on {@code c}'s transaction, within the caps of {@code spend}. */
  static Debit reserve(Connection c, String requestId, Spend spend, long now) throws SQLException {
    Debit debit = debit(c, spend, now);
    if (!debit.debited()) {
      return debit;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO credit_reservations (request_id, account_id, amount, created_at, key_id,"
                + " operation) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, requestId);
      s.setString(2, spend.accountId());
      s.setLong(3, spend.amount());
      s.setLong(4, now);
      s.setString(5, spend.keyId());
      s.setString(6, spend.operation());
      s.executeUpdate();
    }
    return debit;
  }

  /** Charges without a reservation on {@code c}'s transaction, within the caps of {@code spend}. */
  static Debit charge(Connection c, String requestId, Spend spend, long now) throws SQLException {
    Debit debit = debit(c, spend, now);
    if (debit.debited()) {
      insertCharge(
          c, requestId, spend.accountId(), spend.amount(), now, spend.keyId(), spend.operation());
    }
    return debit;
  }

  /**
   * Takes the credits of {@code spend} off the balance on {@code c}'s transaction when the balance
   * holds them and no daily cap would be passed, and marks the account warned when this debit took
   * it under its low-balance threshold.
   *
   * <p>The debit comes first because its update takes the account's row lock: a concurrent debit of
   * the same account (on any node) waits for this transaction, then sums the day's spend with this
   * one's rows in it, so caps are exact. A debit that passes a cap is given back in the same
   * transaction. The sums read at most the day's rows of a capped account, and those are bounded by
   * the cap.
   */
  static Debit debit(Connection c, Spend spend, long now) throws SQLException {
    long balance;
    Long threshold;
    boolean alerted;
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE accounts SET balance = balance - ? WHERE account_id = ? AND balance >= ?"
                + " RETURNING balance, low_balance_threshold, low_balance_alerted")) {
      s.setLong(1, spend.amount());
      s.setString(2, spend.accountId());
      s.setLong(3, spend.amount());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Debit.refused(Debit.Outcome.INSUFFICIENT_CREDITS);
        }
        balance = rs.getLong(1);
        threshold = JdbcKeyStore.nullableLong(rs, 2);
        alerted = rs.getInt(3) != 0;
      }
    }
    if (spend.capped()) {
      String day = day(now);
      Debit.Outcome capped = null;
      if (spend.keyDailyCap() != null
          && spend.keyId() != null
          && spentToday(c, spend.accountId(), spend.keyId(), day) + spend.amount()
              > spend.keyDailyCap()) {
        capped = Debit.Outcome.KEY_CAP_REACHED;
      } else if (spend.accountDailyCap() != null
          && spentToday(c, spend.accountId(), null, day) + spend.amount()
              > spend.accountDailyCap()) {
        capped = Debit.Outcome.ACCOUNT_CAP_REACHED;
      }
      if (capped != null) {
        credit(c, spend.accountId(), spend.amount());
        return Debit.refused(capped);
      }
    }
    boolean crossed =
        threshold != null && balance < threshold && !alerted && markWarned(c, spend.accountId());
    if (crossed) {
      AccountEvents.lowBalance(c, spend.accountId(), balance, threshold, now);
    }
    return new Debit(Debit.Outcome.DEBITED, balance, crossed);
  }

  /**
   * The credits of the account (or of one key of it) charged or held today, read in one statement:
   * a commit turns a hold into a charge without the account's row lock, and on PostgreSQL each
   * statement of a read-committed transaction sees the commits made before it started, so two
   * statements could see a committing request in neither table (or in both).
   */
  private static long spentToday(Connection c, String accountId, String keyId, String day)
      throws SQLException {
    String byKey = keyId == null ? "" : " AND key_id = ?";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT (SELECT COALESCE(SUM(charged), 0) FROM credit_charged_daily WHERE account_id"
                + " = ? AND day = ?"
                + byKey
                + ") + (SELECT COALESCE(SUM(amount), 0) FROM credit_reservations WHERE account_id"
                + " = ?"
                + byKey
                + ")")) {
      int p = 1;
      s.setString(p++, accountId);
      s.setString(p++, day);
      if (keyId != null) {
        s.setString(p++, keyId);
      }
      s.setString(p++, accountId);
      if (keyId != null) {
        s.setString(p, keyId);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Marks the account warned of its low balance; true for the one transaction that marks it. */
  static boolean markWarned(Connection c, String accountId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE accounts SET low_balance_alerted = 1 WHERE account_id = ?"
                + " AND low_balance_alerted = 0")) {
      s.setString(1, accountId);
      return s.executeUpdate() > 0;
    }
  }

  /**
   * Writes a charge's ledger row and adds it to the account's day ({@link #ADD_CHARGED}), on {@code
   * c}'s transaction.
   */
  private static void insertCharge(
      Connection c,
      String requestId,
      String accountId,
      long amount,
      long now,
      String keyId,
      String operation)
      throws SQLException {
    insertEntry(c, requestId, "charge", accountId, -amount, null, now, keyId, operation);
    try (PreparedStatement s = c.prepareStatement(ADD_CHARGED)) {
      bindCharged(s, accountId, day(now), operation, keyId, amount);
      s.executeUpdate();
    }
  }

  /** Sets the parameters of {@link #ADD_CHARGED}; a null operation or key is stored as ''. */
  static void bindCharged(
      PreparedStatement s,
      String accountId,
      String day,
      String operation,
      String keyId,
      long amount)
      throws SQLException {
    s.setString(1, accountId);
    s.setString(2, day);
    s.setString(3, operation == null ? "" : operation);
    s.setString(4, keyId == null ? "" : keyId);
    s.setLong(5, amount);
  }

  /** Takes {@code amount} off the balance on {@code c}'s transaction; false when it is lower. */
  static boolean debit(Connection c, String accountId, long amount) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DEBIT)) {
      s.setLong(1, amount);
      s.setString(2, accountId);
      s.setLong(3, amount);
      return s.executeUpdate() > 0;
    }
  }

  private static void credit(Connection c, String accountId, long amount) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE account_id = ?")) {
      s.setLong(1, amount);
      s.setString(2, accountId);
      s.executeUpdate();
    }
  }

  /** Turns a reservation into a charge on {@code c}'s transaction; false when none was open. */
  static boolean commit(Connection c, String requestId, long now) throws SQLException {
    Held held = takeReservation(c, requestId);
    if (held == null) {
      return false;
    }
    insertCharge(
        c, requestId, held.accountId(), held.amount(), now, held.keyId(), held.operation());
    return true;
  }

  /** Gives a reservation back on {@code c}'s transaction; false when none was open. */
  static boolean release(Connection c, String requestId) throws SQLException {
    Held held = takeReservation(c, requestId);
    if (held == null) {
      return false;
    }
    credit(c, held.accountId(), held.amount());
    return true;
  }

  @Override
  public int releaseAllOpen() {
    return releaseOlderThan(Long.MAX_VALUE);
  }

  @Override
  public int releaseOlderThan(long epochMs) {
    return db.transaction(
        "releasing reservations left open",
        c -> {
          List<String> open = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT request_id FROM credit_reservations WHERE created_at < ?"
                      + " ORDER BY request_id")) {
            s.setLong(1, epochMs);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                open.add(rs.getString(1));
              }
            }
          }
          int released = 0;
          for (String requestId : open) {
            released += release(c, requestId) ? 1 : 0;
          }
          return released;
        });
  }

  @Override
  public long adjust(String accountId, String requestId, long amount, String reason) {
    long now = clock.millis();
    return db.transaction(
        "adjusting the credits of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  // A top-up that lifts the balance back to the low-balance threshold re-arms the
                  // warning for the next crossing.
                  "UPDATE accounts SET balance = balance + ?, low_balance_alerted = CASE WHEN"
                      + " low_balance_threshold IS NOT NULL AND balance + ? >= low_balance_threshold"
                      + " THEN 0 ELSE low_balance_alerted END WHERE account_id = ?"
                      + " AND balance + ? >= 0")) {
            s.setLong(1, amount);
            s.setLong(2, amount);
            s.setString(3, accountId);
            s.setLong(4, amount);
            if (s.executeUpdate() == 0) {
              long balance =
                  JdbcAccountStore.find(c, accountId)
                      .orElseThrow(() -> new NoSuchElementException(accountId))
                      .balance();
              throw new InsufficientBalanceException(balance);
            }
          }
          insertEntry(
              c,
              requestId,
              amount > 0 ? "topup" : "adjust",
              accountId,
              amount,
              reason,
              now,
              null,
              null);
          return JdbcAccountStore.find(c, accountId).orElseThrow().balance();
        });
  }

  @Override
  public List<Charged> chargedBy(String accountId, LocalDate from, LocalDate to) {
    return db.transaction(
        "summing the charges of " + accountId + " by day, operation and key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT day, operation, key_id, charged FROM credit_charged_daily"
                      + " WHERE account_id = ? AND day >= ? AND day <= ?")) {
            s.setString(1, accountId);
            s.setString(2, from.toString());
            s.setString(3, to.toString());
            List<Charged> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Charged(
                        LocalDate.parse(rs.getString(1)),
                        emptyAsNull(rs.getString(2)),
                        emptyAsNull(rs.getString(3)),
                        rs.getLong(4)));
              }
            }
            out.sort(CHARGED_ORDER);
            return out;
          }
        });
  }

  /** Day, then operation, then key; nulls first (the engines sort nulls differently). */
  private static final Comparator<Charged> CHARGED_ORDER =
      Comparator.comparing(Charged::day)
          .thenComparing(Charged::operation, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Charged::keyId, Comparator.nullsFirst(Comparator.naturalOrder()));

  private static String emptyAsNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The UTC day of an instant, as stored in the {@code day} columns. */
  static String day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
  }

  static void insertEntry(
      Connection c,
      String requestId,
      String kind,
      String accountId,
      long amount,
      String reason,
      long atMs,
      String keyId,
      String operation)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_ENTRY)) {
      bindEntry(s, requestId, kind, accountId, amount, reason, atMs, keyId, operation);
      s.executeUpdate();
    }
  }

  /** Sets the parameters of {@link #INSERT_ENTRY}. */
  static void bindEntry(
      PreparedStatement s,
      String requestId,
      String kind,
      String accountId,
      long amount,
      String reason,
      long atMs,
      String keyId,
      String operation)
      throws SQLException {
    s.setString(1, requestId);
    s.setString(2, kind);
    s.setString(3, accountId);
    s.setLong(4, amount);
    s.setString(5, reason);
    s.setLong(6, atMs);
    s.setString(7, day(atMs));
    s.setString(8, keyId);
    s.setString(9, operation);
  }

  private static Held takeReservation(Connection c, String requestId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM credit_reservations WHERE request_id = ?"
                + " RETURNING account_id, amount, key_id, operation")) {
      s.setString(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? new Held(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4))
            : null;
      }
    }
  }

  private record Held(String accountId, long amount, String keyId, String operation) {}
}
