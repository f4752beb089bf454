package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.console.ConsoleSession;
import dev.xhsopenapi.server.console.ConsoleStore;
import dev.xhsopenapi.server.console.ConsoleUser;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The web console's users, links, sessions and sign-in failures in the relational store. */
public final class JdbcConsoleStore implements ConsoleStore {
  private static final String USER_COLUMNS =
      "user_id, account_id, email, password_hash, created_at, password_set_at";
  private static final String SESSION_COLUMNS =
      "session_hash, kind, subject, account_id, csrf_token, created_at, last_seen_at";

  private final Database db;

  /** Creates the store. */
  public JdbcConsoleStore(Database db) {
    this.db = db;
  }

  @Override
  public void createUser(ConsoleUser u) {
    update(
        "creating console user " + u.email(),
        "INSERT INTO console_users (user_id, account_id, email, created_at) VALUES (?, ?, ?, ?)",
        u.userId(),
        u.accountId(),
        u.email(),
        u.createdAtMs());
  }

  @Override
  public Optional<ConsoleUser> userByEmail(String email) {
    return first(
        "finding a console user",
        "SELECT " + USER_COLUMNS + " FROM console_users WHERE email = ?",
        JdbcConsoleStore::readUser,
        email);
  }

  @Override
  public Optional<ConsoleUser> user(String userId) {
    return first(
        "reading console user " + userId,
        "SELECT " + USER_COLUMNS + " FROM console_users WHERE user_id = ?",
        JdbcConsoleStore::readUser,
        userId);
  }

  @Override
  public List<ConsoleUser> usersOf(String accountId) {
    return list(
        "listing the console users of " + accountId,
        "SELECT "
            + USER_COLUMNS
            + " FROM console_users WHERE account_id = ? ORDER BY created_at, user_id",
        JdbcConsoleStore::readUser,
        accountId);
  }

  @Override
  public void setPassword(String userId, String passwordHash, long atMs) {
    update(
        "setting the password of " + userId,
        "UPDATE console_users SET password_hash = ?, password_set_at = ? WHERE user_id = ?",
        passwordHash,
        atMs,
        userId);
  }

  @Override
  public void replaceLinks(String userId, String tokenHash, long expiresAtMs) {
    db.transaction(
        "issuing a sign-in link for " + userId,
        c -> {
          try (PreparedStatement s =
              bind(c, "DELETE FROM console_links WHERE user_id = ?", userId)) {
            s.executeUpdate();
          }
          try (PreparedStatement s =
              bind(
                  c,
                  "INSERT INTO console_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                  tokenHash,
                  userId,
                  expiresAtMs)) {
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> linkUser(String tokenHash, long nowMs) {
    return first(
        "reading a sign-in link",
        "SELECT user_id FROM console_links WHERE token_hash = ? AND expires_at > ?",
        rs -> rs.getString(1),
        tokenHash,
        nowMs);
  }

  @Override
  public Optional<String> consumeLink(String tokenHash, long nowMs) {
    return db.transaction(
        "using a sign-in link",
        c -> {
          Optional<String> user = Optional.empty();
          try (PreparedStatement s =
                  bind(
                      c,
                      "SELECT user_id FROM console_links WHERE token_hash = ? AND expires_at > ?",
                      tokenHash,
                      nowMs);
              ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
              user = Optional.of(rs.getString(1));
            }
          }
          // Only the transaction whose delete removed the row may use the link.
          try (PreparedStatement s =
              bind(c, "DELETE FROM console_links WHERE token_hash = ?", tokenHash)) {
            return s.executeUpdate() == 1 ? user : Optional.<String>empty();
          }
        });
  }

  @Override
  public void createSession(ConsoleSession s) {
    update(
        "starting a console session",
        "INSERT INTO console_sessions (" + SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        s.sessionHash(),
        s.kind().wire(),
        s.subject(),
        s.accountId(),
        s.csrfToken(),
        s.createdAtMs(),
        s.lastSeenAtMs());
  }

  @Override
  public Optional<ConsoleSession> session(String sessionHash) {
    return first(
        "reading a console session",
        "SELECT " + SESSION_COLUMNS + " FROM console_sessions WHERE session_hash = ?",
        rs ->
            new ConsoleSession(
                rs.getString(1),
                ConsoleSession.Kind.parse(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7)),
        sessionHash);
  }

  @Override
  public void touchSession(String sessionHash, long atMs) {
    update(
        "touching a console session",
        "UPDATE console_sessions SET last_seen_at = ? WHERE session_hash = ? AND last_seen_at < ?",
        atMs,
        sessionHash,
        atMs);
  }

  @Override
  public boolean deleteSession(String sessionHash) {
    return update(
            "ending a console session",
            "DELETE FROM console_sessions WHERE session_hash = ?",
            sessionHash)
        > 0;
  }

  @Override
  public int deleteSessionsOf(String subject) {
    return update(
        "ending the console sessions of " + subject,
        "DELETE FROM console_sessions WHERE subject = ?",
        subject);
  }

  @Override
  public int deleteSessionsIdleSince(long epochMs) {
    return update(
        "pruning console sessions", "DELETE FROM console_sessions WHERE last_seen_at < ?", epochMs);
  }

  @Override
  public int recordFailure(String subject, long nowMs, long windowMs) {
    long windowOpenedAfter = nowMs - windowMs;
    return db.transaction(
        "counting a failed sign-in",
        c -> {
          // One statement, so that concurrent failures on several nodes all count.
          try (PreparedStatement s =
              bind(
                  c,
                  "INSERT INTO console_login_failures (subject, failures, window_start,"
                      + " locked_until) VALUES (?, 1, ?, 0) ON CONFLICT (subject) DO UPDATE SET"
                      + " failures = CASE WHEN console_login_failures.window_start <= ? THEN 1"
                      + " ELSE console_login_failures.failures + 1 END,"
                      + " window_start = CASE WHEN console_login_failures.window_start <= ?"
                      + " THEN ? ELSE console_login_failures.window_start END",
                  subject,
                  nowMs,
                  windowOpenedAfter,
                  windowOpenedAfter,
                  nowMs)) {
            s.executeUpdate();
          }
          try (PreparedStatement s =
                  bind(
                      c, "SELECT failures FROM console_login_failures WHERE subject = ?", subject);
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Override
  public void lock(String subject, long untilMs) {
    update(
        "locking out " + subject,
        "UPDATE console_login_failures SET locked_until = ? WHERE subject = ?",
        untilMs,
        subject);
  }

  @Override
  public long lockedUntil(String subject) {
    return first(
            "reading the lockout of " + subject,
            "SELECT locked_until FROM console_login_failures WHERE subject = ?",
            rs -> rs.getLong(1),
            subject)
        .orElse(0L);
  }

  @Override
  public void clearFailures(String subject) {
    update(
        "clearing failed sign-ins",
        "DELETE FROM console_login_failures WHERE subject = ?",
        subject);
  }

  @Override
  public int deleteFailuresBefore(long epochMs) {
    return update(
        "pruning failed sign-ins",
        "DELETE FROM console_login_failures WHERE window_start < ? AND locked_until < ?",
        epochMs,
        epochMs);
  }

  @Override
  public List<RequestRecord> recentRequests(
      String accountId, int statusFrom, int statusTo, String requestIdPrefix, int limit) {
    String sql =
        "SELECT "
            + JdbcRequestLogStore.COLUMNS
            + " FROM request_log WHERE account_id = ? AND status >= ? AND status <= ?"
            + (requestIdPrefix == null ? "" : " AND request_id LIKE ? ESCAPE '!'")
            + " ORDER BY at DESC, request_id LIMIT ?";
    List<Object> args = new ArrayList<>(List.of(accountId, statusFrom, statusTo));
    if (requestIdPrefix != null) {
      args.add(likeEscape(requestIdPrefix) + "%");
    }
    args.add(limit);
    return list(
        "listing the requests of " + accountId, sql, JdbcRequestLogStore::read, args.toArray());
  }

  @Override
  public List<Account> searchAccounts(String query, int limit) {
    if (query == null) {
      return list(
          "listing accounts",
          "SELECT "
              + JdbcAccountStore.COLUMNS
              + " FROM accounts ORDER BY created_at DESC, account_id LIMIT ?",
          JdbcAccountStore::read,
          limit);
    }
    String contains = "%" + likeEscape(query.toLowerCase(Locale.ROOT)) + "%";
    return list(
        "searching accounts",
        "SELECT "
            + JdbcAccountStore.COLUMNS
            + " FROM accounts WHERE account_id LIKE ? ESCAPE '!' OR LOWER(name) LIKE ? ESCAPE '!'"
            + " OR account_id IN (SELECT account_id FROM console_users WHERE email LIKE ?"
            + " ESCAPE '!') ORDER BY created_at DESC, account_id LIMIT ?",
        JdbcAccountStore::read,
        likeEscape(query) + "%",
        contains,
        contains,
        limit);
  }

  /** {@code s} with LIKE's wildcards and the escape character itself escaped by {@code !}. */
  private static String likeEscape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static ConsoleUser readUser(ResultSet rs) throws SQLException {
    return new ConsoleUser(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        JdbcKeyStore.nullableLong(rs, 6));
  }

  /** Reads one row. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private int update(String doing, String sql, Object... args) {
    return db.transaction(
        doing,
        c -> {
          try (PreparedStatement s = bind(c, sql, args)) {
            return s.executeUpdate();
          }
        });
  }

  private <T> Optional<T> first(String doing, String sql, RowReader<T> reader, Object... args) {
    List<T> rows = list(doing, sql, reader, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private <T> List<T> list(String doing, String sql, RowReader<T> reader, Object... args) {
    return db.transaction(
        doing,
        c -> {
          List<T> out = new ArrayList<>();
          try (PreparedStatement s = bind(c, sql, args);
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.add(reader.read(rs));
            }
          }
          return out;
        });
  }

  /** A statement with its arguments bound by type (null only for text columns); close it. */
  private static PreparedStatement bind(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      switch (a) {
        case null -> s.setNull(i + 1, Types.VARCHAR);
        case String text -> s.setString(i + 1, text);
        case Integer n -> s.setInt(i + 1, n);
        case Long n -> s.setLong(i + 1, n);
        default -> throw new IllegalArgumentException("cannot bind " + a.getClass());
      }
    }
    return s;
  }
}
