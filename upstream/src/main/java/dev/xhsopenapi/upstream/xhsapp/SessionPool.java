package dev.xhsopenapi.upstream.xhsapp;

import dev.xhsopenapi.upstream.AppSessions;
import dev.xhsopenapi.upstream.ProviderHealth;
import dev.xhsopenapi.upstream.SessionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The upstream sessions and the queue of calls waiting for one.
 *
 * <p>Pace: a session takes a call only {@code pace × (1 + jitter)} after its previous call ended,
 * so no session is burned by volume. Fairness: waiting calls are grouped by account and the
 * accounts take turns, so one account's burst cannot starve another's single call. A call waits no
 * longer than its deadline, and not at all when no session can be ready before it.
 *
 * <p>Written by hand: this scheduling (per-session pace, per-account round robin, deadlines) is the
 * heart of how the gateway spends sessions, and no queue library combines the three.
 */
public final class SessionPool implements AppSessions {
  private final Clock clock;
  private final Duration pace;
  private final double jitter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, UpstreamSession> sessions = new LinkedHashMap<>();
  private final Map<String, Deque<Ticket>> waiting = new LinkedHashMap<>();
  private final Deque<String> turns = new ArrayDeque<>();

  /**
   * Creates a pool.
   *
   * @param pace the least time between the end of a session's call and its next call
   * @param jitter the extra random fraction of {@code pace} added each time (0.25: up to +25 %)
   */
  public SessionPool(List<SessionSpec> specs, Clock clock, Duration pace, double jitter) {
    this.clock = clock;
    this.pace = pace;
    this.jitter = jitter;
    specs.forEach(this::add);
  }

  /**
   * Adds a session (or replaces a retired one with the same id).
   *
   * @throws IllegalArgumentException when a live session has that id
   */
  @Override
  public SessionStatus add(SessionSpec spec) {
    lock.lock();
    try {
      UpstreamSession existing = sessions.get(spec.id());
      if (existing != null && existing.state != UpstreamSession.State.RETIRED) {
        throw new IllegalArgumentException("a session with id " + spec.id() + " is already in use");
      }
      UpstreamSession added = new UpstreamSession(spec);
      sessions.put(spec.id(), added);
      changed.signalAll();
      return added.status();
    } finally {
      lock.unlock();
    }
  }

  /** Retires and forgets a session; a call it is making finishes. Returns whether it existed. */
  @Override
  public boolean retire(String id) {
    lock.lock();
    try {
      UpstreamSession s = sessions.remove(id);
      if (s != null) {
        s.state = UpstreamSession.State.RETIRED;
        changed.signalAll();
      }
      return s != null;
    } finally {
      lock.unlock();
    }
  }

  /** Every session as the admin API shows it, in the order they were added. */
  @Override
  public List<SessionStatus> list() {
    lock.lock();
    try {
      long now = clock.millis();
      List<SessionStatus> out = new ArrayList<>();
      for (UpstreamSession s : sessions.values()) {
        s.refresh(now);
        out.add(s.status());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** How many sessions are in each state now. */
  public ProviderHealth.SessionCounts counts() {
    lock.lock();
    try {
      long now = clock.millis();
      int active = 0;
      int cooling = 0;
      int retired = 0;
      for (UpstreamSession s : sessions.values()) {
        s.refresh(now);
        switch (s.state) {
          case ACTIVE -> active++;
          case COOLING -> cooling++;
          case RETIRED -> retired++;
        }
      }
      return new ProviderHealth.SessionCounts(active, cooling, retired);
    } finally {
      lock.unlock();
    }
  }

  /** How many sessions can take calls now or after a cool-down (not retired). */
  public int usable() {
    lock.lock();
    try {
      return (int)
          sessions.values().stream().filter(s -> s.state != UpstreamSession.State.RETIRED).count();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the caller's turn and a ready session.
   *
   * @param avoid sessions this request already tried (others are preferred when ready)
   * @return the session, now busy, or empty when none can be had before the deadline
   */
  Optional<UpstreamSession> acquire(String accountId, Instant deadline, List<UpstreamSession> avoid)
      throws InterruptedException {
    Ticket ticket = new Ticket();
    lock.lock();
    try {
      enqueue(accountId, ticket);
      try {
        while (true) {
          long now = clock.millis();
          long earliest = earliest(now);
          if (earliest == Long.MAX_VALUE || earliest > deadline.toEpochMilli()) {
            return Optional.empty();
          }
          if (isMyTurn(accountId, ticket)) {
            UpstreamSession ready = readySession(avoid, now);
            if (ready != null) {
              ready.busy = true;
              ready.calls++;
              return Optional.of(ready);
            }
          }
          long waitMs = Math.max(1, Math.min(earliest, deadline.toEpochMilli()) - now);
          changed.await(waitMs, TimeUnit.MILLISECONDS);
        }
      } finally {
        dequeue(accountId, ticket);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends a call: the session's next call waits a pace, and the verdict is applied. */
  void release(UpstreamSession session, Verdict verdict, String detail) {
    lock.lock();
    try {
      long now = clock.millis();
      session.busy = false;
      double extra = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(jitter);
      session.nextCallAtMs = now + Math.round(pace.toMillis() * (1 + extra));
      switch (verdict) {
        case Verdict.Notes n -> session.successes++;
        case Verdict.UserNotFound u -> session.successes++;
        case Verdict.CoolDown c -> {
          session.fail(c.failure(), detail, now);
          session.state = UpstreamSession.State.COOLING;
          session.coolUntilMs = now + c.duration().toMillis();
        }
        case Verdict.Retire r -> {
          session.fail(r.failure(), detail, now);
          session.state = UpstreamSession.State.RETIRED;
        }
        case Verdict.RetryElsewhere r -> session.fail(r.failure(), detail, now);
        case Verdict.SignerFault s -> session.fail(s.failure(), detail, now);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The ready session that waited longest, preferring ones this request has not tried. */
  private UpstreamSession readySession(List<UpstreamSession> avoid, long now) {
    UpstreamSession best = null;
    for (UpstreamSession s : sessions.values()) {
      if (s.readyAt(now) && (best == null || better(s, best, avoid))) {
        best = s;
      }
    }
    return best;
  }

  private static boolean better(UpstreamSession a, UpstreamSession b, List<UpstreamSession> avoid) {
    boolean aTried = avoid.contains(a);
    boolean bTried = avoid.contains(b);
    if (aTried != bTried) {
      return !aTried;
    }
    return a.nextCallAtMs < b.nextCallAtMs;
  }

  private long earliest(long now) {
    long earliest = Long.MAX_VALUE;
    for (UpstreamSession s : sessions.values()) {
      s.refresh(now);
      // A busy session may be released at any moment.
      long at = s.state == UpstreamSession.State.ACTIVE && s.busy ? now : s.earliestCallAtMs();
      earliest = Math.min(earliest, Math.max(at, now));
    }
    return earliest;
  }

  private boolean isMyTurn(String accountId, Ticket ticket) {
    return accountId.equals(turns.peekFirst()) && waiting.get(accountId).peekFirst() == ticket;
  }

  private void enqueue(String accountId, Ticket ticket) {
    Deque<Ticket> queue = waiting.computeIfAbsent(accountId, a -> new ArrayDeque<>());
    if (queue.isEmpty()) {
      turns.addLast(accountId);
    }
    queue.addLast(ticket);
  }

  /** Removes the ticket; the account's turn passes to the next account. */
  private void dequeue(String accountId, Ticket ticket) {
    Deque<Ticket> queue = waiting.get(accountId);
    boolean wasHead = queue.peekFirst() == ticket;
    queue.remove(ticket);
    if (queue.isEmpty()) {
      waiting.remove(accountId);
      turns.remove(accountId);
    } else if (wasHead && accountId.equals(turns.peekFirst())) {
      turns.removeFirst();
      turns.addLast(accountId);
    }
  }

  /** A call waiting for a session; compared by identity. */
  private static final class Ticket {}
}
