package dev.xhsopenapi.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
}
