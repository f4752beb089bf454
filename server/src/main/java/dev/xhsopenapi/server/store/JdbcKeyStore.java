package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyOwner;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** API keys in the relational store. */
public final class JdbcKeyStore implements KeyStore {
  private static final String COLUMNS =
      "key_id, account_id, prefix, name, status, created_at, last_used_at, expires_at, scopes,"
          + " rate_limit_per_minute, daily_credit_cap, replaced_by";

  private final Database db;
  private final Clock clock;
  private final Transactions touches;

  /** Creates the store; it reads and writes on transactions of its own. */
  public JdbcKeyStore(Database db, Clock clock) {
    this(db, clock, db);
  }

  /**
   * Creates the store.
   *
   * @param touches where {@link #touch} writes: {@code db}, or the credit ledger's writer
   */
  public JdbcKeyStore(Database db, Clock clock, Transactions touches) {
    this.db = db;
    this.clock = clock;
    this.touches = touches;
  }

  @Override
  public ApiKey create(
      String keyId, String accountId, String keyHash, String prefix, String name, KeyRules rules) {
    long now = clock.millis();
    return db.transaction(
        "creating a key for " + accountId,
        c -> insert(c, keyId, accountId, keyHash, prefix, name, rules, now));
  }

  @Override
  public Optional<Rolled> roll(
      String oldKeyId,
      String keyId,
      String keyHash,
      String prefix,
      String name,
      KeyRules rules,
      long oldEndsAtMs) {
    long now = clock.millis();
    return db.transaction(
        "rolling key " + oldKeyId,
        c -> {
          String accountId;
          String oldHash;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT account_id, key_hash FROM api_keys WHERE key_id = ? AND status = ?")) {
            s.setString(1, oldKeyId);
            s.setString(2, KeyStatus.ACTIVE.wire());
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              accountId = rs.getString(1);
              oldHash = rs.getString(2);
            }
          }
          // Only ever brought forward: rolling cannot lengthen the life of a key.
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE api_keys SET replaced_by = ?, expires_at = CASE WHEN expires_at IS NULL"
                      + " OR expires_at > ? THEN ? ELSE expires_at END WHERE key_id = ?")) {
            s.setString(1, keyId);
            s.setLong(2, oldEndsAtMs);
            s.setLong(3, oldEndsAtMs);
            s.setString(4, oldKeyId);
            s.executeUpdate();
          }
          ApiKey created = insert(c, keyId, accountId, keyHash, prefix, name, rules, now);
          return Optional.of(new Rolled(created, oldHash));
        });
  }

  private static ApiKey insert(
      Connection c,
      String keyId,
      String accountId,
      String keyHash,
      String prefix,
      String name,
      KeyRules rules,
      long now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO api_keys (key_id, account_id, key_hash, prefix, name, status,"
                + " created_at, expires_at, checksummed, scopes, rate_limit_per_minute,"
                + " daily_credit_cap) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
      s.setString(1, keyId);
      s.setString(2, accountId);
      s.setString(3, keyHash);
      s.setString(4, prefix);
      s.setString(5, name);
      s.setString(6, KeyStatus.ACTIVE.wire());
      s.setLong(7, now);
      setNullable(s, 8, rules.expiresAtMs());
      s.setString(9, rules.scopes() == null ? null : String.join(" ", rules.scopes()));
      setNullable(
          s, 10, rules.rateLimitPerMinute() == null ? null : (long) rules.rateLimitPerMinute());
      setNullable(s, 11, rules.dailyCreditCap());
      s.executeUpdate();
    }
    return new ApiKey(keyId, accountId, prefix, name, KeyStatus.ACTIVE, now, null, rules, null);
  }

  @Override
  public Optional<KeyOwner> findByHash(String keyHash) {
    return db.transaction(
        "looking up a key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT k.key_id, k.prefix, k.status, k.expires_at, k.scopes,"
                      + " k.rate_limit_per_minute, k.daily_credit_cap, k.replaced_by,"
                      + " a.account_id, a.status, a.rate_limit_per_minute, a.daily_credit_cap,"
                      + " a.balance FROM api_keys k JOIN accounts a"
                      + " ON a.account_id = k.account_id WHERE k.key_hash = ?")) {
            s.setString(1, keyHash);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new KeyOwner(
                      rs.getString(1),
                      rs.getString(2),
                      KeyStatus.parse(rs.getString(3)),
                      rules(rs, 4),
                      rs.getString(8),
                      rs.getString(9),
                      AccountStatus.parse(rs.getString(10)).orElseThrow(),
                      rs.getInt(11),
                      nullableLong(rs, 12),
                      rs.getLong(13)));
            }
          }
        });
  }

  @Override
  public Set<String> uncheckedKeyHashes() {
    return db.transaction(
        "reading the keys issued without a checksum",
        c -> {
          Set<String> out = new HashSet<>();
          try (PreparedStatement s =
                  c.prepareStatement("SELECT key_hash FROM api_keys WHERE checksummed = 0");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  @Override
  public List<ApiKey> listForAccount(String accountId) {
    return db.transaction(
        "listing the keys of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id")) {
            s.setString(1, accountId);
            List<ApiKey> out = new ArrayList<>();
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
  public Optional<ApiKey> find(String keyId) {
    return db.transaction(
        "reading key " + keyId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?")) {
            s.setString(1, keyId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<String> revoke(String keyId) {
    return db.transaction(
        "revoking key " + keyId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE api_keys SET status = ? WHERE key_id = ?")) {
            s.setString(1, KeyStatus.REVOKED.wire());
            s.setString(2, keyId);
            if (s.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          try (PreparedStatement s =
              c.prepareStatement("SELECT key_hash FROM api_keys WHERE key_id = ?")) {
            s.setString(1, keyId);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return Optional.of(rs.getString(1));
            }
          }
        });
  }

  @Override
  public void touch(Map<String, Long> lastUsedByKeyId) {
    if (lastUsedByKeyId.isEmpty()) {
      return;
    }
    touches.transaction(
        "recording when keys were last used",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE api_keys SET last_used_at = ? WHERE key_id = ?"
                      + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
            for (Map.Entry<String, Long> e : lastUsedByKeyId.entrySet()) {
              s.setLong(1, e.getValue());
              s.setString(2, e.getKey());
              s.setLong(3, e.getValue());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        KeyStatus.parse(rs.getString(5)),
        rs.getLong(6),
        nullableLong(rs, 7),
        rules(rs, 8),
        rs.getString(12));
  }

  /** The rules from four columns: expires_at, scopes, rate_limit_per_minute, daily_credit_cap. */
  private static KeyRules rules(ResultSet rs, int first) throws SQLException {
    String scopes = rs.getString(first + 1);
    Long limit = nullableLong(rs, first + 2);
    return new KeyRules(
        scopes == null ? null : List.of(scopes.split(" ")),
        nullableLong(rs, first),
        limit == null ? null : limit.intValue(),
        nullableLong(rs, first + 3));
  }

  private static void setNullable(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
