package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.auth.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side console sessions. The cookie holds a random 256-bit id; the store keeps only its
 * SHA-256, so any node can serve the session and a copy of the store cannot be replayed. Sign-in
 * always starts a new session (never upgrades the visitor's), so a planted id is worthless.
 */
final class Sessions {
  /** The session cookie's name. */
  static final String COOKIE = "xhs_console";

  /** A session unused this long is over. */
  static final Duration IDLE = Duration.ofHours(1);

  /** A session is over this long after sign-in, used or not. */
  static final Duration LIFETIME = Duration.ofHours(12);

  // Writing last-seen on every page would make each view a write; a minute's slack is harmless.
  private static final long TOUCH_EVERY_MS = 60_000;
  private static final long PRUNE_EVERY_MS = Duration.ofMinutes(10).toMillis();

  private final ConsoleStore store;
  private final RandomIds ids;
  private final Clock clock;
  private final AtomicLong lastPruneMs = new AtomicLong();

  Sessions(ConsoleStore store, RandomIds ids, Clock clock) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
  }

  /** A session just started: the cookie value, shown to this visitor only, and the session. */
  record Started(String cookieValue, ConsoleSession session) {}

  /** The live session whose cookie value this is; an expired one is deleted and not returned. */
  Optional<ConsoleSession> find(String cookieValue) {
    if (cookieValue == null || cookieValue.length() != Secrets.TOKEN_LENGTH) {
      return Optional.empty();
    }
    Optional<ConsoleSession> found = store.session(Secrets.sha256(cookieValue));
    if (found.isEmpty()) {
      return found;
    }
    ConsoleSession s = found.get();
    long now = clock.millis();
    if (now - s.lastSeenAtMs() >= IDLE.toMillis() || now - s.createdAtMs() >= LIFETIME.toMillis()) {
      store.deleteSession(s.sessionHash());
      return Optional.empty();
    }
    if (now - s.lastSeenAtMs() >= TOUCH_EVERY_MS) {
      store.touchSession(s.sessionHash(), now);
    }
    return found;
  }

  /** Starts a session with a fresh id and CSRF token. */
  Started start(ConsoleSession.Kind kind, String subject, String accountId) {
    long now = clock.millis();
    pruneIfDue(now);
    String id = ids.base62(Secrets.TOKEN_LENGTH);
    ConsoleSession session =
        new ConsoleSession(
            Secrets.sha256(id),
            kind,
            subject,
            accountId,
            ids.base62(Secrets.TOKEN_LENGTH),
            now,
            now);
    store.createSession(session);
    return new Started(id, session);
  }

  /** Ends a session on every node at once. */
  void end(ConsoleSession session) {
    store.deleteSession(session.sessionHash());
  }

  /** Ends every session of a user (after their password changed). */
  void endAllOf(String userId) {
    store.deleteSessionsOf(userId);
  }

  private void pruneIfDue(long now) {
    long last = lastPruneMs.get();
    if (now - last < PRUNE_EVERY_MS || !lastPruneMs.compareAndSet(last, now)) {
      return;
    }
    store.deleteSessionsIdleSince(now - IDLE.toMillis());
    store.deleteFailuresBefore(now - LoginThrottle.WINDOW.toMillis());
  }
}
