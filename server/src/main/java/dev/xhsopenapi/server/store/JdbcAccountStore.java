package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.account.SpendRules;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.watch.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts in the relational store. */
public final class JdbcAccountStore implements AccountStore {
  static final String COLUMNS =
      "account_id, name, status, rate_limit_per_minute, balance, created_at, daily_credit_cap,"
          + " low_balance_threshold, webhook_url, webhook_secret";

  private final Database db;
  private final Clock clock;
  private final RandomIds ids;
  private final SecretBox secrets;

  /** Creates the store, storing webhook signing secrets plain. */
  public JdbcAccountStore(Database db, Clock clock, RandomIds ids) {
    this(db, clock, ids, SecretBox.withoutKey());
  }

  /**
   * Creates the store, sealing new webhook signing secrets with {@code secrets} (plain without a
   * key).
   */
  public JdbcAccountStore(Database db, Clock clock, RandomIds ids, SecretBox secrets) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
    this.secrets = secrets;
  }

  @Override
  public Account create(String name, long credits, int rateLimitPerMinute, String requestId) {
    long now = clock.millis();
    Account account =
        new Account(
            ids.accountId(),
            name,
            AccountStatus.ACTIVE,
            rateLimitPerMinute,
            credits,
            now,
            SpendRules.NONE);
    return db.transaction(
        "creating account " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO accounts (account_id, name, status, rate_limit_per_minute, balance,"
                      + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, account.accountId());
            s.setString(2, name);
            s.setString(3, AccountStatus.ACTIVE.wire());
            s.setInt(4, rateLimitPerMinute);
            s.setLong(5, credits);
            s.setLong(6, now);
            s.executeUpdate();
          }
          if (credits > 0) {
            JdbcCreditLedger.insertEntry(
                c,
                requestId,
                "topup",
                account.accountId(),
                credits,
                "opening balance",
                now,
                null,
                null);
          }
          return account;
        });
  }

  @Override
  public Optional<Account> find(String accountId) {
    return db.transaction("reading account " + accountId, c -> find(c, accountId));
  }

  static Optional<Account> find(Connection c, String accountId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE account_id = ?")) {
      s.setString(1, accountId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<Account> list(String after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return db.transaction(
        "listing accounts",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM accounts"
                      + (after == null ? "" : " WHERE account_id > ?")
                      + " ORDER BY account_id LIMIT ?")) {
            int i = 1;
            if (after != null) {
              s.setString(i++, after);
            }
            s.setInt(i, limit);
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Optional<Account> findByName(String name) {
    return db.transaction(
        "finding account " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM accounts WHERE name = ? ORDER BY created_at, account_id LIMIT 1")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<Account> update(
      String accountId, Integer rateLimitPerMinute, AccountStatus status) {
    return db.transaction(
        "updating account " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE accounts SET rate_limit_per_minute = COALESCE(?, rate_limit_per_minute),"
                      + " status = COALESCE(?, status) WHERE account_id = ?")) {
            if (rateLimitPerMinute == null) {
              s.setNull(1, java.sql.Types.INTEGER);
            } else {
              s.setInt(1, rateLimitPerMinute);
            }
            s.setString(2, status == null ? null : status.wire());
            s.setString(3, accountId);
            if (s.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(c, accountId);
        });
  }

  @Override
  public Optional<Account> setSpending(String accountId, SpendRules spending) {
    return db.transaction(
        "changing the spending rules of " + accountId,
        c -> {
          // Accounts carry their secret as stored: one that comes back unchanged is kept as it is
          // (sealed or plain), and only a new one is sealed.
          Optional<Account> before = find(c, accountId);
          if (before.isEmpty()) {
            return Optional.empty();
          }
          String secret = spending.webhookSecret();
          if (secret != null && !secret.equals(before.get().spending().webhookSecret())) {
            secret = secrets.seal(secret, accountId);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE accounts SET daily_credit_cap = ?, webhook_url = ?, webhook_secret = ?,"
                      + " low_balance_alerted = CASE WHEN low_balance_threshold IS NOT NULL"
                      + " AND low_balance_threshold = ? THEN low_balance_alerted ELSE 0 END,"
                      + " low_balance_threshold = ? WHERE account_id = ?")) {
            setNullable(s, 1, spending.dailyCreditCap());
            s.setString(2, spending.webhookUrl());
            s.setString(3, secret);
            setNullable(s, 4, spending.lowBalanceThreshold());
            setNullable(s, 5, spending.lowBalanceThreshold());
            s.setString(6, accountId);
            if (s.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(c, accountId);
        });
  }

  private static void setNullable(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  /** The account in the current row, read in the order of {@link #COLUMNS}. */
  static Account read(ResultSet rs) throws SQLException {
    return new Account(
        rs.getString(1),
        rs.getString(2),
        AccountStatus.parse(rs.getString(3)).orElseThrow(),
        rs.getInt(4),
        rs.getLong(5),
        rs.getLong(6),
        new SpendRules(
            JdbcKeyStore.nullableLong(rs, 7),
            JdbcKeyStore.nullableLong(rs, 8),
            rs.getString(9),
            rs.getString(10)));
  }
}
