package dev.xhsopenapi.upstream.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Counts the App calls per session ({@code sid}), so that tests can check a client's pacing. */
final class CallStats {
  private final Map<String, Calls> bySid = new ConcurrentHashMap<>();

  /** Notes one call of {@code sid} at {@code atMs}. */
  void record(String sid, long atMs) {
    bySid.computeIfAbsent(sid, s -> new Calls()).add(atMs);
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

    synchronized void add(long atMs) {
      count++;
      times.addLast(atMs);
      if (times.size() > SidStats.MAX_TIMES) {
        times.removeFirst();
      }
    }

    synchronized SidStats snapshot() {
      return new SidStats(count, new ArrayList<>(times));
    }
  }
}
