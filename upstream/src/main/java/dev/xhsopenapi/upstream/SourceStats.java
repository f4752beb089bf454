package dev.xhsopenapi.upstream;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The running counts of one source, fed by every call the chain makes to it and every call the
 * source bills: what {@link SourceReport} shows. Call times go to an HdrHistogram {@link Recorder}
 * (lock-free for the callers; the report folds its intervals into a histogram since the start), in
 * microseconds up to ten minutes with two significant digits. Thread-safe.
 */
final class SourceStats {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final String name;
  private final String kind;
  private final BigDecimal cost;
  private final Clock clock;
  private final LongAdder calls = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final LongAdder billed = new LongAdder();
  private final Spend spend = new Spend();
  private final Recorder times = new Recorder(MAX_MICROS, 2);
  private final Histogram sinceStart = new Histogram(MAX_MICROS, 2);
  private volatile LastError lastError;

  /**
   * Creates the counts of a source.
   *
   * @param cost what one billed call costs the operator
   * @param clock stamps the last error
   */
  SourceStats(String name, String kind, BigDecimal cost, Clock clock) {
    this.name = name;
    this.kind = kind;
    this.cost = cost;
    this.clock = clock;
  }

  /** The source's name. */
  String name() {
    return name;
  }

  /** What one billed call costs the operator. */
  BigDecimal cost() {
    return cost;
  }

  /** A definitive answer (data or "not found") that took {@code nanos}. */
  void answered(long nanos) {
    calls.increment();
    ok.increment();
    time(nanos);
  }

  /** A failure of the given class, with its message, that took {@code nanos}. */
  void failed(String failureClass, String message, long nanos) {
    calls.increment();
    failures.computeIfAbsent(failureClass, k -> new LongAdder()).increment();
    lastError = new LastError(message == null ? failureClass : message, clock.instant());
    time(nanos);
  }

  /** One call the source bills; returns its cost. */
  BigDecimal billed() {
    billed.increment();
    spend.add(cost);
    return cost;
  }

  private void time(long nanos) {
    times.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 0, MAX_MICROS));
  }

  /** The counts now, with the circuit's state. */
  SourceReport report(ProviderHealth.Circuit circuit) {
    double p50;
    double p99;
    synchronized (sinceStart) {
      sinceStart.add(times.getIntervalHistogram());
      boolean none = sinceStart.getTotalCount() == 0;
      p50 = none ? 0 : sinceStart.getValueAtPercentile(50) / 1000.0;
      p99 = none ? 0 : sinceStart.getValueAtPercentile(99) / 1000.0;
    }
    Map<String, Long> byClass = new TreeMap<>();
    failures.forEach((k, v) -> byClass.put(k, v.sum()));
    LastError last = lastError;
    return new SourceReport(
        name,
        kind,
        circuit,
        calls.sum(),
        ok.sum(),
        byClass,
        billed.sum(),
        spend.total(),
        p50,
        p99,
        last == null ? null : last.message(),
        last == null ? null : last.at());
  }

  private record LastError(String message, Instant at) {}
}
