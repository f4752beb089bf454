package dev.xhsopenapi.upstream.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Counts the App calls per session ({@code sid}), so that tests can check a client's pacing. */
final class CallStats {
  private final Map<String, Calls> bySid = new ConcurrentHashMap<>();

  /**
   * Notes one call of {@code sid} at {@code atMs} and answers how many calls of that sid arrived in
   * the {@code window} that ends with it, this one included (at most {@link SidStats#MAX_TIMES}).
   */
  long record(String sid, long atMs, Duration window) {
    return bySid.computeIfAbsent(sid, s -> new Calls()).add(atMs, atMs - window.toMillis());
  }

  /** Forgets every call. */
  void clear() {
    bySid.clear();
  }

  /** A consistent copy of every sid's calls, sids in order. */
  SortedMap<String, SidStats> snapshot() {
    SortedMap<String, SidStats> copy = new TreeMap<>();
    bySid.forEach((sid, calls) -> copy.put(sid, calls.snapshot()));
    return copy;
  }

  /** One sid's count and its most recent arrival times. */
  private static final class Calls {
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private long count;

    synchronized long add(long atMs, long afterMs) {
      count++;
      times.addLast(atMs);
      if (times.size() > SidStats.MAX_TIMES) {
        times.removeFirst();
      }
      long recent = 0;
      // Newest first, stopping at the first call older than the window: times arrive in order.
      for (Iterator<Long> it = times.descendingIterator(); it.hasNext() && it.next() > afterMs; ) {
        recent++;
      }
      return recent;
    }

    synchronized SidStats snapshot() {
      return new SidStats(count, new ArrayList<>(times));
    }
  }
}
