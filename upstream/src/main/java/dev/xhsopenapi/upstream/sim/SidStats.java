package dev.xhsopenapi.upstream.sim;

import java.util.List;

/**
 * The App calls one session ({@code sid}) has made: how many in all, and when (epoch milliseconds)
 * the most recent of them arrived, oldest first.
 */
public record SidStats(long calls, List<Long> atMs) {

  /** The most arrival times kept per sid; older ones are dropped, the count still grows. */
  public static final int MAX_TIMES = 10_000;

  /** Creates a snapshot. */
  public SidStats {
    atMs = List.copyOf(atMs);
  }
}
