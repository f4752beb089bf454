package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

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
  public boolean reserve(String accountId, String requestId, long amount) {
    long now = clock.millis();
    return db.transaction(
        "reserving credits for " + requestId, c -> reserve(c, accountId, requestId, amount, now));
  }

  @Override
  public boolean charge(String accountId, String requestId, long amount) {
    long now = clock.millis();
    return db.transaction(
        "charging " + requestId, c -> charge(c, accountId, requestId, amount, now));
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

  /** Takes credits off a balance when it holds them; the statement every charge starts with. */
  static final String DEBIT =
      "UPDATE accounts SET balance = balance - ? WHERE account_id = ? AND balance >= ?";

  /** The statement of a ledger row. */
  static final String INSERT_ENTRY =
      "INSERT INTO credit_ledger (request_id, kind, account_id, amount, reason, at, day)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  /**
   * Adds to the credits an account was charged on a UTC day; written with every charge row, in its
   * transaction, so that it always equals the sum of the day's charge rows.
   */
  static final String ADD_CHARGED =
      "INSERT INTO credit_charged_daily (account_id, day, charged) VALUES (?, ?, ?)"
          + " ON CONFLICT (account_id, day)"
          + " DO UPDATE SET charged = credit_charged_daily.charged + excluded.charged";

  /** Holds credits on {@code c}'s transaction; false when the balance is too low. */
  static boolean reserve(Connection c, String accountId, String requestId, long amount, long now)
      throws SQLException {
    if (!debit(c, accountId, amount)) {
      return false;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO credit_reservations (request_id, account_id, amount, created_at)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, requestId);
      s.setString(2, accountId);
      s.setLong(3, amount);
      s.setLong(4, now);
      s.executeUpdate();
    }
    return true;
  }

  /**
   * Charges without a reservation on {@code c}'s transaction; false when the balance is too low.
   */
  static boolean charge(Connection c, String accountId, String requestId, long amount, long now)
      throws SQLException {
    if (!debit(c, accountId, amount)) {
      return false;
    }
    insertCharge(c, requestId, accountId, amount, now);
    return true;
  }

  /** Writes a charge's ledger row and adds it to the account's day, on {@code c}'s transaction. */
  private static void insertCharge(
      Connection c, String requestId, String accountId, long amount, long now) throws SQLException {
    insertEntry(c, requestId, "charge", accountId, -amount, null, now);
    try (PreparedStatement s = c.prepareStatement(ADD_CHARGED)) {
      bindCharged(s, accountId, day(now), amount);
      s.executeUpdate();
    }
  }

  /** Sets the parameters of {@link #ADD_CHARGED}. */
  static void bindCharged(PreparedStatement s, String accountId, String day, long amount)
      throws SQLException {
    s.setString(1, accountId);
    s.setString(2, day);
    s.setLong(3, amount);
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

  /** Turns a reservation into a charge on {@code c}'s transaction; false when none was open. */
  static boolean commit(Connection c, String requestId, long now) throws SQLException {
    Held held = takeReservation(c, requestId);
    if (held == null) {
      return false;
    }
    insertCharge(c, requestId, held.accountId(), held.amount(), now);
    return true;
  }

  /** Gives a reservation back on {@code c}'s transaction; false when none was open. */
  static boolean release(Connection c, String requestId) throws SQLException {
    Held held = takeReservation(c, requestId);
    if (held == null) {
      return false;
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE account_id = ?")) {
      s.setLong(1, held.amount());
      s.setString(2, held.accountId());
      s.executeUpdate();
    }
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
                  "UPDATE accounts SET balance = balance + ? WHERE account_id = ?"
                      + " AND balance + ? >= 0")) {
            s.setLong(1, amount);
            s.setString(2, accountId);
            s.setLong(3, amount);
            if (s.executeUpdate() == 0) {
              long balance =
                  JdbcAccountStore.find(c, accountId)
                      .orElseThrow(() -> new NoSuchElementException(accountId))
                      .balance();
              throw new InsufficientBalanceException(balance);
            }
          }
          insertEntry(
              c, requestId, amount > 0 ? "topup" : "adjust", accountId, amount, reason, now);
          return JdbcAccountStore.find(c, accountId).orElseThrow().balance();
        });
  }

  @Override
  public Map<LocalDate, Long> chargedByDay(String accountId, LocalDate from, LocalDate to) {
    return db.transaction(
        "summing the charges of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT day, charged FROM credit_charged_daily WHERE account_id = ?"
                      + " AND day >= ? AND day <= ?")) {
            s.setString(1, accountId);
            s.setString(2, from.toString());
            s.setString(3, to.toString());
            Map<LocalDate, Long> out = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.put(LocalDate.parse(rs.getString(1)), rs.getLong(2));
              }
            }
            return out;
          }
        });
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
      long atMs)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_ENTRY)) {
      bindEntry(s, requestId, kind, accountId, amount, reason, atMs);
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
      long atMs)
      throws SQLException {
    s.setString(1, requestId);
    s.setString(2, kind);
    s.setString(3, accountId);
    s.setLong(4, amount);
    s.setString(5, reason);
    s.setLong(6, atMs);
    s.setString(7, day(atMs));
  }

  private static Held takeReservation(Connection c, String requestId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM credit_reservations WHERE request_id = ? RETURNING account_id, amount")) {
      s.setString(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new Held(rs.getString(1), rs.getLong(2)) : null;
      }
    }
  }

  private record Held(String accountId, long amount) {}
}
