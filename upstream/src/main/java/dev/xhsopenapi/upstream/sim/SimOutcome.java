package dev.xhsopenapi.upstream.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulator does with one request: send a {@link SimResponse}, drop the connection ({@link
 * ConnectionReset}), or send nothing at all ({@link NoAnswer}). A transport turns each into its own
 * behaviour; the last two exist only while the reset or timeout fault is switched on.
 */
public sealed interface SimOutcome
    permits SimResponse, SimOutcome.ConnectionReset, SimOutcome.NoAnswer {

  /** The connection is closed at once without any response, so the client sees an I/O error. */
  record ConnectionReset() implements SimOutcome {}

  /**
   * Nothing is sent: the request is held until the client gives up, {@code hold} has passed or the
   * server stops, and then the connection is closed without a response.
   *
   * @param hold the longest time the request is held, so that no held request outlives a test
   */
  record NoAnswer(Duration hold) implements SimOutcome {

    /** Creates the outcome; the hold must be positive. */
    public NoAnswer {
      Objects.requireNonNull(hold, "hold");
      if (!hold.isPositive()) {
        throw new IllegalArgumentException("hold must be positive, got " + hold);
      }
    }
  }
}
