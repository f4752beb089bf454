package dev.xhsopenapi.server.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition that other threads make true, failing with what was last seen. */
public final class Eventually {
  private Eventually() {}

  /**
   * Returns the first value of {@code probe} that {@code done} accepts, asking every 20 ms.
   *
   * @throws AssertionError when none does within {@code timeout}, naming {@code what} and the last
   *     value
   */
  public static <T> T until(
      String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; last: " + last);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      last = probe.get();
    }
    return last;
  }
}
