package dev.xhsopenapi.cli.testing;

import dev.xhsopenapi.sdk.Sleeper;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock shared by a gateway and a client that moves only when the client sleeps: a minute of rate
 * limiting passes in no time.
 */
public final class ManualClock extends MutableClock implements Sleeper {

  /** Starts at {@code start}. */
  public ManualClock(Instant start) {
    super(start);
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
  }
}
