package dev.xhsopenapi.upstream.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The ways the simulator departs from a perfect upstream. For now only a fixed latency: how long
 * every authenticated, well-formed App call takes before it is answered.
 */
public record SimFaults(Duration latency) {

  /** No faults: every answer at once. */
  public static final SimFaults NONE = new SimFaults(Duration.ZERO);

  /** Creates a fault setting; the latency must not be negative. */
  public SimFaults {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + latency);
    }
  }

  /** A fixed latency in milliseconds. */
  public static SimFaults latencyMs(long millis) {
    return new SimFaults(Duration.ofMillis(millis));
  }
}
