package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.watch.AccountEvent;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import dev.xhsopenapi.server.watch.SecretBox;
import dev.xhsopenapi.server.watch.Watch;
import dev.xhsopenapi.server.watch.WatchEvent;
import dev.xhsopenapi.server.watch.WatchStatus;
import dev.xhsopenapi.server.watch.WatchStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Creator watches, their seen notes, events and webhook deliveries (with the deliveries of
 * accounts' own events, {@code account_deliveries}) in the relational store. Claims are leases
 * written in the row ({@code lease_owner}, {@code lease_until}) inside the transaction that selects
 * the rows, with {@link Database#claimRows()} so that nodes sharing PostgreSQL skip each other's
 * rows instead of waiting; a lease that has run out belongs to a dead node and is taken over. Every
 * result of claimed work is written only while the lease is still the node's.
 */
public final class JdbcWatchStore implements WatchStore {
  private static final String WATCH_COLUMNS =
      "watch_id, account_id, user_id, url, interval_s, max_pages, emit_existing, status,"
          + " created_at, baseline_at, next_poll_at, last_poll_at, last_error, failures,"
          + " notes_seen";

  /** Accounts' own events waiting for delivery (schema V8), delivered alongside watch events. */
  private static final String ACCOUNT_DELIVERIES = "account_deliveries";

  private final Database db;
  private final SecretBox secrets;

  /** Creates the store over {@code db} (schema V8), storing signing secrets plain. */
  public JdbcWatchStore(Database db) {
    this(db, SecretBox.withoutKey());
  }

  /**
   * Creates the store over {@code db} (schema V8), sealing the signing secrets of new watches with
   * {@code secrets} (plain without a key).
   */
  public JdbcWatchStore(Database db, SecretBox secrets) {
    this.db = db;
    this.secrets = secrets;
  }

  @Override
  public void create(Watch w, String secret) {
    db.transaction(
        "creating watch " + w.watchId(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO watches ("
                      + WATCH_COLUMNS
                      + ", secret, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, 0)")) {
            s.setString(1, w.watchId());
            s.setString(2, w.accountId());
            s.setString(3, w.userId());
            s.setString(4, w.url());
            s.setInt(5, w.intervalS());
            s.setInt(6, w.maxPagesPerPoll());
            s.setInt(7, w.emitExisting() ? 1 : 0);
            s.setString(8, w.status().wire());
            s.setLong(9, w.createdAtMs());
            setLong(s, 10, w.baselineAtMs());
            s.setLong(11, w.nextPollAtMs());
            setLong(s, 12, w.lastPollAtMs());
            s.setString(13, w.lastError());
            s.setInt(14, w.failuresInARow());
            s.setLong(15, w.notesSeen());
            s.setString(16, secrets.seal(secret, w.watchId()));
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int count(String accountId) {
    return db.transaction(
        "counting the watches of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT COUNT(*) FROM watches WHERE account_id = ?")) {
            s.setString(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Override
  public List<Watch> list(String accountId) {
    return db.transaction(
        "listing the watches of " + accountId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + WATCH_COLUMNS
                      + " FROM watches WHERE account_id = ? ORDER BY created_at, watch_id")) {
            s.setString(1, accountId);
            return watches(s);
          }
        });
  }

  @Override
  public Optional<Watch> find(String watchId) {
    return db.transaction("reading watch " + watchId, c -> find(c, watchId));
  }

  @Override
  public boolean delete(String accountId, String watchId) {
    return db.transaction(
        "deleting watch " + watchId,
        c -> {
          Optional<Watch> watch = find(c, watchId);
          if (watch.isEmpty() || !watch.get().accountId().equals(accountId)) {
            return false;
          }
          // Children first, so that no foreign key depends on the cascade settings.
          for (String sql :
              List.of(
                  "DELETE FROM webhook_attempts WHERE event_id IN (SELECT event_id FROM"
                      + " watch_events WHERE watch_id = ?)",
                  "DELETE FROM webhook_deliveries WHERE watch_id = ?",
                  "DELETE FROM watch_events WHERE watch_id = ?",
                  "DELETE FROM watch_seen WHERE watch_id = ?",
                  "DELETE FROM watches WHERE watch_id = ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              s.setString(1, watchId);
              s.executeUpdate();
            }
          }
          return true;
        });
  }

  @Override
  public boolean rollSecret(String accountId, String watchId, String secret, Long oldExpiresAtMs) {
    // The replaced secret is kept as stored: it is sealed to the same watch id already.
    String keep =
        oldExpiresAtMs == null
            ? "old_secret = NULL, old_secret_expires_at = NULL"
            : "old_secret = secret, old_secret_expires_at = ?";
    return db.transaction(
        "rolling the secret of watch " + watchId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE watches SET "
                      + keep
                      + ", secret = ? WHERE watch_id = ? AND account_id = ?")) {
            int i = 1;
            if (oldExpiresAtMs != null) {
              s.setLong(i++, oldExpiresAtMs);
            }
            s.setString(i++, secrets.seal(secret, watchId));
            s.setString(i++, watchId);
            s.setString(i, accountId);
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Optional<Watch> pollNow(String accountId, String watchId, long nowMs) {
    return db.transaction(
        "asking for a poll of watch " + watchId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE watches SET next_poll_at = ?, status = ?, failures = CASE WHEN status = ?"
                      + " THEN 0 ELSE failures END WHERE watch_id = ? AND account_id = ?")) {
            s.setLong(1, nowMs);
            s.setString(2, WatchStatus.ACTIVE.wire());
            s.setString(3, WatchStatus.PAUSED.wire());
            s.setString(4, watchId);
            s.setString(5, accountId);
            if (s.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(c, watchId);
        });
  }

  @Override
  public List<Watch> claimDue(String node, long nowMs, long leaseMs, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.transaction(
        "claiming due watches",
        c -> {
          List<String> ids =
              dueIds(
                  c,
                  "watches",
                  "watch_id",
                  "next_poll_at",
                  WatchStatus.ACTIVE.wire(),
                  nowMs,
                  limit);
          List<Watch> claimed = new ArrayList<>(ids.size());
          for (String id : ids) {
            lease(c, "watches", "watch_id", id, node, nowMs + leaseMs);
            find(c, id).ifPresent(claimed::add);
          }
          return claimed;
        });
  }

  @Override
  public Set<String> seen(String watchId, Collection<String> noteIds) {
    if (noteIds.isEmpty()) {
      return Set.of();
    }
    return db.transaction(
        "reading the notes watch " + watchId + " has seen",
        c -> {
          String marks = String.join(", ", Collections.nCopies(noteIds.size(), "?"));
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT note_id FROM watch_seen WHERE watch_id = ? AND note_id IN ("
                      + marks
                      + ")")) {
            s.setString(1, watchId);
            int i = 2;
            for (String id : noteIds) {
              s.setString(i++, id);
            }
            Set<String> seen = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                seen.add(rs.getString(1));
              }
            }
            return seen;
          }
        });
  }

  @Override
  public boolean finishPoll(
      String node,
      Watch watch,
      Collection<String> noteIds,
      List<WatchEvent.New> events,
      long nowMs,
      long nextPollAtMs) {
    return db.transaction(
        "recording a poll of watch " + watch.watchId(),
        c -> {
          if (!holdsLease(c, "watches", "watch_id", watch.watchId(), node)) {
            return false;
          }
          int added = 0;
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO watch_seen (watch_id, note_id) VALUES (?, ?)"
                      + " ON CONFLICT (watch_id, note_id) DO NOTHING")) {
            for (String id : noteIds) {
              s.setString(1, watch.watchId());
              s.setString(2, id);
              added += s.executeUpdate();
            }
          }
          addEvents(c, watch, events);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE watches SET baseline_at = COALESCE(baseline_at, ?), next_poll_at = ?,"
                      + " last_poll_at = ?, last_error = NULL, failures = 0, notes_seen ="
                      + " notes_seen + ?, lease_owner = NULL, lease_until = NULL WHERE watch_id ="
                      + " ?")) {
            s.setLong(1, nowMs);
            s.setLong(2, nextPollAtMs);
            s.setLong(3, nowMs);
            s.setLong(4, added);
            s.setString(5, watch.watchId());
            s.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Optional<Watch> failPoll(
      String node,
      Watch watch,
      String error,
      long nowMs,
      long retryAtMs,
      int maxFailures,
      IntFunction<WatchEvent.New> failedEvent) {
    return db.transaction(
        "recording a failed poll of watch " + watch.watchId(),
        c -> {
          if (!holdsLease(c, "watches", "watch_id", watch.watchId(), node)) {
            return Optional.empty();
          }
          Watch current = find(c, watch.watchId()).orElseThrow();
          int failures = current.failuresInARow() + 1;
          boolean pause = failures >= maxFailures;
          if (pause) {
            addEvents(c, watch, List.of(failedEvent.apply(failures)));
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE watches SET failures = ?, last_error = ?, last_poll_at = ?, next_poll_at"
                      + " = ?, status = ?, lease_owner = NULL, lease_until = NULL WHERE watch_id ="
                      + " ?")) {
            s.setInt(1, failures);
            s.setString(2, error);
            s.setLong(3, nowMs);
            s.setLong(4, retryAtMs);
            s.setString(5, (pause ? WatchStatus.PAUSED : WatchStatus.ACTIVE).wire());
            s.setString(6, watch.watchId());
            s.executeUpdate();
          }
          return find(c, watch.watchId());
        });
  }

  @Override
  public void releaseLeases(String node) {
    db.transaction(
        "releasing the leases of node " + node,
        c -> {
          for (String table : List.of("watches", "webhook_deliveries", ACCOUNT_DELIVERIES)) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE "
                        + table
                        + " SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?")) {
              s.setString(1, node);
              s.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public Optional<Long> eventSeq(String watchId, String eventId) {
    return db.transaction(
        "finding event " + eventId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT seq FROM watch_events WHERE watch_id = ? AND event_id = ?")) {
            s.setString(1, watchId);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean eventsPruned(String watchId) {
    return db.transaction(
        "checking whether events of watch " + watchId + " were pruned",
        c -> {
          // Events are numbered 1, 2, … per watch and only retention removes some of them.
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT w.last_seq, (SELECT COUNT(*) FROM watch_events e WHERE e.watch_id ="
                      + " w.watch_id) FROM watches w WHERE w.watch_id = ?")) {
            s.setString(1, watchId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() && rs.getLong(2) < rs.getLong(1);
            }
          }
        });
  }

  @Override
  public List<WatchEvent> events(String watchId, long afterSeq, int limit) {
    return events(watchId, afterSeq, limit, false);
  }

  @Override
  public List<WatchEvent> latestEvents(String watchId, int limit) {
    return events(watchId, 0, limit, true);
  }

  private List<WatchEvent> events(String watchId, long afterSeq, int limit, boolean newestFirst) {
    return db.transaction(
        "listing the events of watch " + watchId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT e.event_id, e.watch_id, e.seq, e.type, e.created_at, e.body, d.status,"
                      + " d.attempts FROM watch_events e LEFT JOIN webhook_deliveries d ON"
                      + " d.event_id = e.event_id WHERE e.watch_id = ? AND e.seq > ? ORDER BY"
                      + (newestFirst ? " e.seq DESC" : " e.seq")
                      + " LIMIT ?")) {
            s.setString(1, watchId);
            s.setLong(2, afterSeq);
            s.setInt(3, limit);
            List<WatchEvent> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                String status = rs.getString(7);
                out.add(
                    new WatchEvent(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        status == null ? DeliveryStatus.NONE : DeliveryStatus.of(status),
                        rs.getInt(8)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public List<Delivery> claimDeliveries(String node, long nowMs, long leaseMs, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.transaction(
        "claiming due webhook deliveries",
        c -> {
          List<String> ids = new ArrayList<>();
          // Only the oldest pending event of each watch may go: deliveries stay in order.
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT d.event_id FROM webhook_deliveries d WHERE d.status = ? AND"
                      + " d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)"
                      + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.watch_id ="
                      + " d.watch_id AND p.status = ? AND p.seq < d.seq) ORDER BY"
                      + " d.next_attempt_at LIMIT ?"
                      + db.claimRows())) {
            s.setString(1, DeliveryStatus.PENDING.wire());
            s.setLong(2, nowMs);
            s.setLong(3, nowMs);
            s.setString(4, DeliveryStatus.PENDING.wire());
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
          }
          List<Delivery> claimed = new ArrayList<>(ids.size());
          for (String id : ids) {
            lease(c, "webhook_deliveries", "event_id", id, node, nowMs + leaseMs);
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT d.event_id, d.watch_id, w.url, w.secret, e.body, d.attempts,"
                        + " d.created_at, w.old_secret, w.old_secret_expires_at FROM"
                        + " webhook_deliveries d JOIN watches w ON w.watch_id ="
                        + " d.watch_id JOIN watch_events e ON e.event_id = d.event_id WHERE"
                        + " d.event_id = ?")) {
              s.setString(1, id);
              try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                  claimed.add(
                      new Delivery(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(2),
                          rs.getString(5),
                          rs.getInt(6) + 1,
                          rs.getLong(7),
                          rs.getString(8),
                          nullableLong(rs, 9)));
                }
              }
            }
          }
          if (claimed.size() < limit) {
            claimed.addAll(claimAccountDeliveries(c, node, nowMs, leaseMs, limit - claimed.size()));
          }
          return claimed;
        });
  }

  /**
   * The ids of up to {@code limit} rows of {@code table} in {@code status} whose {@code dueColumn}
   * (epoch ms) has come and whose lease (if any) has run out, soonest first, locked for this
   * transaction where the store can skip rows other nodes hold ({@link Database#claimRows}).
   */
  private List<String> dueIds(
      Connection c,
      String table,
      String idColumn,
      String dueColumn,
      String status,
      long nowMs,
      int limit)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + idColumn
                + " FROM "
                + table
                + " WHERE status = ? AND "
                + dueColumn
                + " <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY "
                + dueColumn
                + " LIMIT ?"
                + db.claimRows())) {
      s.setString(1, status);
      s.setLong(2, nowMs);
      s.setLong(3, nowMs);
      s.setInt(4, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /** Claims accounts' own due events (schema V8); each stands alone, so no order is kept. */
  private List<Delivery> claimAccountDeliveries(
      Connection c, String node, long nowMs, long leaseMs, int limit) throws SQLException {
    List<String> ids =
        dueIds(
            c,
            ACCOUNT_DELIVERIES,
            "event_id",
            "next_attempt_at",
            DeliveryStatus.PENDING.wire(),
            nowMs,
            limit);
    List<Delivery> claimed = new ArrayList<>(ids.size());
    for (String id : ids) {
      lease(c, ACCOUNT_DELIVERIES, "event_id", id, node, nowMs + leaseMs);
      // The URL and secret are the account's now: a changed URL or rolled secret applies to the
      // attempts still to come. With the URL removed, the attempt fails and is retried.
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT d.event_id, a.webhook_url, a.webhook_secret, d.body, d.attempts,"
                  + " d.created_at, a.account_id FROM account_deliveries d JOIN accounts a ON"
                  + " a.account_id = d.account_id WHERE d.event_id = ?")) {
        s.setString(1, id);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            claimed.add(
                new Delivery(
                    rs.getString(1),
                    null,
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(7),
                    rs.getString(4),
                    rs.getInt(5) + 1,
                    rs.getLong(6)));
          }
        }
      }
    }
    return claimed;
  }

  @Override
  public boolean recordAttempt(String node, Delivery delivery, Attempt attempt) {
    return db.transaction(
        "recording delivery attempt " + attempt.number() + " of " + delivery.eventId(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE "
                      + (delivery.accountEvent() ? ACCOUNT_DELIVERIES : "webhook_deliveries")
                      + " SET attempts = ?, status = ?, next_attempt_at = ?, ended_at = ?,"
                      + " lease_owner = NULL, lease_until = NULL WHERE event_id = ? AND"
                      + " lease_owner = ? AND status = ?")) {
            s.setInt(1, attempt.number());
            s.setString(2, attempt.outcome().wire());
            s.setLong(3, attempt.nextAttemptAtMs());
            if (attempt.outcome() == DeliveryStatus.PENDING) {
              s.setNull(4, Types.BIGINT);
            } else {
              s.setLong(4, attempt.atMs());
            }
            s.setString(5, delivery.eventId());
            s.setString(6, node);
            s.setString(7, DeliveryStatus.PENDING.wire());
            if (s.executeUpdate() == 0) {
              return false;
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO "
                      + (delivery.accountEvent() ? "account_delivery_attempts" : "webhook_attempts")
                      + " (event_id, attempt, at, node, http_status, error, duration_ms) VALUES (?,"
                      + " ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, delivery.eventId());
            s.setInt(2, attempt.number());
            s.setLong(3, attempt.atMs());
            s.setString(4, node);
            if (attempt.httpStatus() == null) {
              s.setNull(5, Types.INTEGER);
            } else {
              s.setInt(5, attempt.httpStatus());
            }
            s.setString(6, attempt.error());
            s.setLong(7, attempt.durationMs());
            s.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public List<AttemptRow> attempts(String eventId) {
    return db.transaction(
        "reading the delivery attempts of " + eventId,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT attempt, at, node, http_status, error, duration_ms FROM webhook_attempts"
                      + " WHERE event_id = ? UNION ALL SELECT attempt, at, node, http_status,"
                      + " error, duration_ms FROM account_delivery_attempts WHERE event_id = ?"
                      + " ORDER BY 1")) {
            s.setString(1, eventId);
            s.setString(2, eventId);
            List<AttemptRow> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(attemptRow(rs, 1));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Optional<List<AccountEvent>> accountEvents(
      String accountId, String afterEventId, int limit) {
    return accountEvents(accountId, afterEventId, limit, false);
  }

  @Override
  public List<AccountEvent> latestAccountEvents(String accountId, int limit) {
    return accountEvents(accountId, null, limit, true).orElseThrow();
  }

  private Optional<List<AccountEvent>> accountEvents(
      String accountId, String afterEventId, int limit, boolean newestFirst) {
    return db.transaction(
        "listing the events of account " + accountId,
        c -> {
          // Oldest first by (created_at, event_id): the cursor is the event's place in that order
          // (the newest-first listing has no cursor).
          Long afterMs = null;
          if (afterEventId != null) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT created_at FROM account_deliveries WHERE account_id = ? AND event_id ="
                        + " ?")) {
              s.setString(1, accountId);
              s.setString(2, afterEventId);
              try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                  return Optional.empty();
                }
                afterMs = rs.getLong(1);
              }
            }
          }
          List<AccountEventRow> rows = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT event_id, type, created_at, body, status, attempts, next_attempt_at,"
                      + " ended_at FROM account_deliveries WHERE account_id = ?"
                      + (afterMs == null
                          ? ""
                          : " AND (created_at > ? OR (created_at = ? AND event_id > ?))")
                      + (newestFirst
                          ? " ORDER BY created_at DESC, event_id DESC"
                          : " ORDER BY created_at, event_id")
                      + " LIMIT ?")) {
            int i = 1;
            s.setString(i++, accountId);
            if (afterMs != null) {
              s.setLong(i++, afterMs);
              s.setLong(i++, afterMs);
              s.setString(i++, afterEventId);
            }
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new AccountEventRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        DeliveryStatus.of(rs.getString(5)),
                        rs.getInt(6),
                        rs.getLong(7),
                        nullableLong(rs, 8)));
              }
            }
          }
          Map<String, List<AttemptRow>> history = accountAttempts(c, rows);
          List<AccountEvent> events = new ArrayList<>(rows.size());
          for (AccountEventRow r : rows) {
            boolean pending = r.status() == DeliveryStatus.PENDING;
            events.add(
                new AccountEvent(
                    r.eventId(),
                    r.type(),
                    r.createdAtMs(),
                    r.body(),
                    r.status(),
                    r.attempts(),
                    pending ? r.nextAttemptAtMs() : null,
                    pending ? null : r.endedAtMs(),
                    history.getOrDefault(r.eventId(), List.of())));
          }
          return Optional.of(events);
        });
  }

  /** One row of {@code account_deliveries} as listed, before its attempts are added. */
  private record AccountEventRow(
      String eventId,
      String type,
      long createdAtMs,
      String body,
      DeliveryStatus status,
      int attempts,
      long nextAttemptAtMs,
      Long endedAtMs) {}

  /** The recorded attempts of these account events, in one query, by event id and in order. */
  private static Map<String, List<AttemptRow>> accountAttempts(
      Connection c, List<AccountEventRow> events) throws SQLException {
    Map<String, List<AttemptRow>> out = new HashMap<>();
    if (events.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", Collections.nCopies(events.size(), "?"));
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT event_id, attempt, at, node, http_status, error, duration_ms FROM"
                + " account_delivery_attempts WHERE event_id IN ("
                + marks
                + ") ORDER BY event_id, attempt")) {
      int i = 1;
      for (AccountEventRow e : events) {
        s.setString(i++, e.eventId());
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(attemptRow(rs, 2));
        }
      }
    }
    return out;
  }

  @Override
  public Pruned pruneEndedBefore(long cutoffMs, int batch) {
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    int watchEvents =
        prune(
            cutoffMs,
            batch,
            "pruning delivered and failed watch events",
            "SELECT event_id FROM webhook_deliveries WHERE ended_at < ? ORDER BY ended_at LIMIT ?",
            List.of(
                "DELETE FROM webhook_attempts WHERE event_id = ?",
                "DELETE FROM webhook_deliveries WHERE event_id = ?",
                "DELETE FROM watch_events WHERE event_id = ?"));
    // A watch without a URL has no deliveries: its events are kept for the period from their own
    // time. An event with a delivery is left to the delivery's end, above.
    watchEvents +=
        prune(
            cutoffMs,
            batch,
            "pruning the events of watches without a URL",
            "SELECT e.event_id FROM watch_events e WHERE e.created_at < ? AND NOT EXISTS (SELECT 1"
                + " FROM webhook_deliveries d WHERE d.event_id = e.event_id) ORDER BY"
                + " e.created_at LIMIT ?",
            List.of("DELETE FROM watch_events WHERE event_id = ?"));
    int accountEvents =
        prune(
            cutoffMs,
            batch,
            "pruning delivered and failed account events",
            "SELECT event_id FROM account_deliveries WHERE ended_at < ? ORDER BY ended_at LIMIT ?",
            List.of(
                "DELETE FROM account_delivery_attempts WHERE event_id = ?",
                "DELETE FROM account_deliveries WHERE event_id = ?"));
    return new Pruned(watchEvents, accountEvents);
  }

  /**
   * Removes the events {@code select} names (given the cutoff and the batch size), {@code batch}
   * per transaction, until a transaction finds fewer than that or the thread is interrupted. {@code
   * deletes} each take an event id and run in order (children first), the last one removing the
   * event itself. The ids are claimed with {@link Database#claimRows()}, so that nodes pruning at
   * once on PostgreSQL skip each other's rows rather than wait for them or fail.
   *
   * @return how many events the last of {@code deletes} removed
   */
  private int prune(long cutoffMs, int batch, String doing, String select, List<String> deletes) {
    int total = 0;
    while (!Thread.currentThread().isInterrupted()) {
      int[] found = new int[1];
      total +=
          db.transaction(
              doing,
              c -> {
                List<String> ids = new ArrayList<>(batch);
                try (PreparedStatement s = c.prepareStatement(select + db.claimRows())) {
                  s.setLong(1, cutoffMs);
                  s.setInt(2, batch);
                  try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                      ids.add(rs.getString(1));
                    }
                  }
                }
                found[0] = ids.size();
                int removed = 0;
                for (String sql : deletes) {
                  try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (String id : ids) {
                      s.setString(1, id);
                      s.addBatch();
                    }
                    removed = 0;
                    if (!ids.isEmpty()) {
                      for (int n : s.executeBatch()) {
                        removed += Math.max(n, 0);
                      }
                    }
                  }
                }
                return removed;
              });
      if (found[0] < batch) {
        break;
      }
    }
    return total;
  }

  @Override
  public Backlog backlog(long nowMs) {
    return db.transaction(
        "measuring the watch backlog",
        c -> {
          long oldestDue;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT MIN(next_poll_at) FROM watches WHERE status = ? AND next_poll_at <= ?")) {
            s.setString(1, WatchStatus.ACTIVE.wire());
            s.setLong(2, nowMs);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              long min = rs.getLong(1);
              oldestDue = rs.wasNull() ? nowMs : min;
            }
          }
          long pending;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status = ?) + (SELECT"
                      + " COUNT(*) FROM account_deliveries WHERE status = ?)")) {
            s.setString(1, DeliveryStatus.PENDING.wire());
            s.setString(2, DeliveryStatus.PENDING.wire());
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              pending = rs.getLong(1);
            }
          }
          return new Backlog(nowMs - oldestDue, pending);
        });
  }

  private void addEvents(Connection c, Watch watch, List<WatchEvent.New> events)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    long seq;
    try (PreparedStatement s =
        c.prepareStatement("SELECT last_seq FROM watches WHERE watch_id = ?")) {
      s.setString(1, watch.watchId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    try (PreparedStatement event =
            c.prepareStatement(
                "INSERT INTO watch_events (event_id, watch_id, seq, type, created_at, body) VALUES"
                    + " (?, ?, ?, ?, ?, ?)");
        PreparedStatement delivery =
            c.prepareStatement(
                "INSERT INTO webhook_deliveries (event_id, watch_id, seq, status, attempts,"
                    + " created_at, next_attempt_at) VALUES (?, ?, ?, ?, 0, ?, ?)")) {
      for (WatchEvent.New e : events) {
        seq++;
        event.setString(1, e.eventId());
        event.setString(2, watch.watchId());
        event.setLong(3, seq);
        event.setString(4, e.type());
        event.setLong(5, e.createdAtMs());
        event.setString(6, e.body());
        event.executeUpdate();
        if (watch.url() != null) {
          delivery.setString(1, e.eventId());
          delivery.setString(2, watch.watchId());
          delivery.setLong(3, seq);
          delivery.setString(4, DeliveryStatus.PENDING.wire());
          delivery.setLong(5, e.createdAtMs());
          delivery.setLong(6, e.createdAtMs());
          delivery.executeUpdate();
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE watches SET last_seq = ? WHERE watch_id = ?")) {
      s.setLong(1, seq);
      s.setString(2, watch.watchId());
      s.executeUpdate();
    }
  }

  private static void lease(
      Connection c, String table, String key, String id, String node, long untilMs)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE " + key + " = ?")) {
      s.setString(1, node);
      s.setLong(2, untilMs);
      s.setString(3, id);
      s.executeUpdate();
    }
  }

  private static boolean holdsLease(Connection c, String table, String key, String id, String node)
      throws SQLException {
    // Locks the row on PostgreSQL until the transaction ends, so the lease cannot change under us.
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET lease_owner = lease_owner WHERE "
                + key
                + " = ? AND lease_owner = ?")) {
      s.setString(1, id);
      s.setString(2, node);
      return s.executeUpdate() == 1;
    }
  }

  private static Optional<Watch> find(Connection c, String watchId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + WATCH_COLUMNS + " FROM watches WHERE watch_id = ?")) {
      s.setString(1, watchId);
      List<Watch> found = watches(s);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }
  }

  private static List<Watch> watches(PreparedStatement s) throws SQLException {
    List<Watch> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Watch(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getInt(7) != 0,
                WatchStatus.of(rs.getString(8)),
                rs.getLong(9),
                nullableLong(rs, 10),
                rs.getLong(11),
                nullableLong(rs, 12),
                rs.getString(13),
                rs.getInt(14),
                rs.getLong(15)));
      }
    }
    return out;
  }

  /**
   * An attempt read from the six columns starting at {@code from}: {@code attempt, at, node,
   * http_status, error, duration_ms}.
   */
  private static AttemptRow attemptRow(ResultSet rs, int from) throws SQLException {
    return new AttemptRow(
        rs.getInt(from),
        rs.getLong(from + 1),
        rs.getString(from + 2),
        nullableInt(rs, from + 3),
        rs.getString(from + 4),
        rs.getLong(from + 5));
  }

  private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }
}
