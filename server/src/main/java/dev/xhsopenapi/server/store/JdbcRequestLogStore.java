package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The request log in the relational store. */
public final class JdbcRequestLogStore implements RequestLogStore {
  static final String COLUMNS =
      "request_id, account_id, key_prefix, path, user_id, cursor, status, error, charged, cache,"
          + " upstream_ms, total_ms, at, upstream_spend, watch_id, tool, key_id";

  private final Database db;
  private final Transactions writes;

  /** Creates the store; it reads and writes on transactions of its own. */
  public JdbcRequestLogStore(Database db) {
    this(db, db);
  }

  /**
   * Creates the store.
   *
   * @param writes where rows are written: {@code db}, or the credit ledger's writer
   */
  public JdbcRequestLogStore(Database db, Transactions writes) {
    this.db = db;
    this.writes = writes;
  }

  @Override
  public void append(List<RequestRecord> batch) {
    if (batch.isEmpty()) {
      return;
    }
    writes.transaction(
        "writing " + batch.size() + " request log rows",
        c -> {
          insert(c, batch);
          return null;
        });
  }

  /** Inserts rows on {@code c}'s transaction; rows already present are skipped. */
  static void insert(Connection c, List<RequestRecord> batch) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO request_log ("
                + COLUMNS
                + ", day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (request_id) DO NOTHING")) {
      for (RequestRecord r : batch) {
        s.setString(1, r.requestId());
        s.setString(2, r.accountId());
        s.setString(3, r.keyPrefix());
        s.setString(4, r.path());
        s.setString(5, r.userId());
        s.setString(6, r.cursor());
        s.setInt(7, r.status());
        s.setString(8, r.error());
        s.setLong(9, r.charged());
        s.setString(10, r.cache());
        if (r.upstreamMs() == null) {
          s.setNull(11, Types.BIGINT);
        } else {
          s.setLong(11, r.upstreamMs());
        }
        s.setLong(12, r.totalMs());
        s.setLong(13, r.atMs());
        s.setLong(14, r.upstreamSpend());
        s.setString(15, r.watchId());
        s.setString(16, r.tool());
        s.setString(17, r.keyId());
        s.setString(18, JdbcCreditLedger.day(r.atMs()));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  @Override
  public Optional<RequestRecord> find(String requestId) {
    return db.transaction(
        "reading request " + requestId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + COLUMNS + " FROM request_log WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<CallCount> countByKey(String accountId, LocalDate from, LocalDate to) {
    return db.transaction(
        "counting the calls of " + accountId + " by key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT day, path, tool, key_id, COUNT(*) FROM request_log WHERE account_id = ?"
                      + " AND at >= ? AND at < ? GROUP BY day, path, tool, key_id")) {
            bindRange(s, accountId, from, to);
            List<CallCount> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new CallCount(
                        LocalDate.parse(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5)));
              }
            }
            out.sort(Comparator.comparing(CallCount::day));
            return out;
          }
        });
  }

  @Override
  public Map<LocalDate, DayCount> countByDay(String accountId, LocalDate from, LocalDate to) {
    return db.transaction(
        "counting the calls of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT day, COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END),"
                      + " SUM(upstream_spend)"
                      + " FROM request_log WHERE account_id = ? AND at >= ? AND at < ?"
                      + " GROUP BY day")) {
            bindRange(s, accountId, from, to);
            Map<LocalDate, DayCount> out = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.put(
                    LocalDate.parse(rs.getString(1)),
                    new DayCount(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Map<Integer, Long> countByStatus(String accountId, LocalDate from, LocalDate to) {
    return db.transaction(
        "counting the statuses of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT status, COUNT(*) FROM request_log WHERE account_id = ?"
                      + " AND at >= ? AND at < ? GROUP BY status")) {
            bindRange(s, accountId, from, to);
            Map<Integer, Long> out = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getInt(1), rs.getLong(2));
              }
            }
            return out;
          }
        });
  }

  @Override
  public int deleteBefore(long epochMs) {
    return db.transaction(
        "pruning the request log",
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM request_log WHERE at < ?")) {
            s.setLong(1, epochMs);
            return s.executeUpdate();
          }
        });
  }

  /** The row at the cursor, read in the order of {@link #COLUMNS}. */
  static RequestRecord read(ResultSet rs) throws SQLException {
    return new RequestRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(17),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getLong(9),
        rs.getString(10),
        JdbcKeyStore.nullableLong(rs, 11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getLong(14),
        rs.getString(15),
        rs.getString(16));
  }

  /**
   * Binds an account and the UTC days {@code [from, to]} as a range of {@code at} (epoch ms), so
   * that the range is read from the {@code (account_id, at)} index, the one index by account the
   * log keeps.
   */
  private static void bindRange(PreparedStatement s, String accountId, LocalDate from, LocalDate to)
      throws SQLException {
    s.setString(1, accountId);
    s.setLong(2, from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    s.setLong(3, to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
  }
}
