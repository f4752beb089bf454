package dev.xhsopenapi.upstream.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that tests move forward by hand, safe to read from server threads. The tests of every
 * module share it (this module's test jar).
 */
public class MutableClock extends Clock {
  private final AtomicLong millis;

  /** Starts at {@code start}. */
  public MutableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /** Moves the time forward by {@code step}. */
  public final void advance(Duration step) {
    millis.addAndGet(step.toMillis());
  }

  @Override
  public final ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public final Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public final long millis() {
    return millis.get();
  }

  @Override
  public final Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
