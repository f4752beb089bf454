package dev.xhsopenapi.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Clocks for gateways whose tests count by UTC day but need time to pass. */
public final class Clocks {
  private Clocks() {}

  /**
   * The system clock, ticking as it does, set to read {@code start} now: a test that starts it at a
   * morning's hour stays on that day however near midnight it runs.
   */
  public static Clock runningFrom(Instant start) {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
  }

  /** The system clock, ticking as it does, that a test can move forward (days, in a moment). */
  public static Movable movable() {
    return new Movable(new AtomicLong());
  }

  /** A UTC clock that runs with the system's and jumps forward when told to. */
  public static final class Movable extends Clock {
    private final AtomicLong offsetMs;

    private Movable(AtomicLong offsetMs) {
      this.offsetMs = offsetMs;
    }

    /** Moves the clock {@code by} forward, for everyone reading it. */
    public void advance(Duration by) {
      offsetMs.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + offsetMs.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      if (zone.equals(ZoneOffset.UTC)) {
        return this;
      }
      throw new UnsupportedOperationException("a movable clock reads UTC only");
    }
  }
}
