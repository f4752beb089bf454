package dev.xhsopenapi.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The strict window in this process's memory: for each account, the times of its accepted requests
 * still inside the window, oldest first in a ring that grows as needed. A request is accepted when
 * fewer than {@code limit} times remain after the expired ones are dropped, which is exactly "fewer
 * than {@code limit} accepted in the last 60 s". O(1) amortised, 8 bytes per acceptance in the
 * window.
 *
 * <p>Written by hand because the libraries at hand offer token buckets (which allow bursts past the
 * limit across a window boundary) or approximate sliding windows, and the contract here is the
 * exact window.
 */
public final class LocalRateLimiter implements RateLimiter {
  private final Clock clock;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Creates a limiter reading time from {@code clock}. */
  public LocalRateLimiter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public RateLimitDecision tryAcquire(String accountId, int limit) {
    return window(accountId).decide(clock.millis(), limit, true);
  }

  @Override
  public RateLimitDecision peek(String accountId, int limit) {
    return window(accountId).decide(clock.millis(), limit, false);
  }

  @Override
  public KeyedDecision tryAcquire(String accountId, int accountLimit, String keyId, int keyLimit) {
    long now = clock.millis();
    Window account = window(accountId);
    Window key = window(RateLimiter.keyWindow(keyId));
    // Always the account's window first: no thread holds a key's window while it waits for an
    // account's, so the nested locks cannot deadlock.
    synchronized (account) {
      synchronized (key) {
        boolean both = account.hasRoom(now, accountLimit) && key.hasRoom(now, keyLimit);
        return new KeyedDecision(
            account.decide(now, accountLimit, both), key.decide(now, keyLimit, both));
      }
    }
  }

  private Window window(String accountId) {
    return windows.computeIfAbsent(accountId, id -> new Window());
  }

  /** One account's accepted times, oldest at {@code head}. */
  private static final class Window {
    private long[] times = new long[0];
    private int head;
    private int size;

    synchronized boolean hasRoom(long now, int limit) {
      dropExpired(now);
      return size < limit;
    }

    private void dropExpired(long now) {
      long horizon = now - WINDOW_MS;
      while (size > 0 && times[head] <= horizon) {
        head = (head + 1) % times.length;
        size--;
      }
    }

    synchronized RateLimitDecision decide(long now, int limit, boolean acquire) {
      dropExpired(now);
      boolean allowed = size < limit;
      if (allowed && acquire) {
        if (size == times.length) {
          grow();
        }
        times[(head + size) % times.length] = now;
        size++;
      }
      // After the limit was lowered the window may hold more than the limit: a slot frees when
      // the acceptance at rank (size - limit) leaves, not the oldest one.
      int frees = Math.max(0, size - limit);
      long reset =
          size == 0 ? 0 : ceilSeconds(times[(head + frees) % times.length] + WINDOW_MS - now);
      long retryAfter = allowed ? 0 : Math.max(1, reset);
      return new RateLimitDecision(allowed, limit, Math.max(0, limit - size), reset, retryAfter);
    }

    /**
     * Doubles the ring. It grows with the acceptances actually in the window, not with the limit,
     * so an account allowed a million calls a minute that makes ten holds ten times. Times are
     * never dropped when the limit is lowered: an account whose limit goes down and up again must
     * still count what it was accepted.
     */
    private void grow() {
      long[] next = new long[Math.max(8, times.length * 2)];
      for (int i = 0; i < size; i++) {
        next[i] = times[(head + i) % times.length];
      }
      times = next;
      head = 0;
    }

    private static long ceilSeconds(long ms) {
      return Math.max(0, (ms + 999) / 1000);
    }
  }
}
