package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyOwner;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.KeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API keys in the relational store. */
public final class JdbcKeyStore implements KeyStore {
  private static final String COLUMNS =
      "key_id, account_id, prefix, name, status, created_at, expires_at, last_used_at";

  private final Database db;
  private final Clock clock;

  /** Creates the store. */
  public JdbcKeyStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public ApiKey create(
      String keyId,
      String accountId,
      String keyHash,
      String prefix,
      String name,
      Long expiresAtMs) {
    long now = clock.millis();
    return db.transaction(
        "creating a key for " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO api_keys (key_id, account_id, key_hash, prefix, name, status,"
                      + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, keyId);
            s.setString(2, accountId);
            s.setString(3, keyHash);
            s.setString(4, prefix);
            s.setString(5, name);
            s.setString(6, KeyStatus.ACTIVE.wire());
            s.setLong(7, now);
            if (expiresAtMs == null) {
              s.setNull(8, java.sql.Types.BIGINT);
            } else {
              s.setLong(8, expiresAtMs);
            }
            s.executeUpdate();
          }
          return new ApiKey(
              keyId, accountId, prefix, name, KeyStatus.ACTIVE, now, expiresAtMs, null);
        });
  }

  @Override
  public Optional<KeyOwner> findByHash(String keyHash) {
    return db.transaction(
        "looking up a key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT k.key_id, k.prefix, k.status, k.expires_at, a.account_id, a.status,"
                      + " a.rate_limit_per_minute, a.balance FROM api_keys k JOIN accounts a"
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
                      nullableLong(rs, 4),
                      rs.getString(5),
                      AccountStatus.parse(rs.getString(6)).orElseThrow(),
                      rs.getInt(7),
                      rs.getLong(8)));
            }
          }
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
    db.transaction(
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
        nullableLong(rs, 8));
  }

  static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
