package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * How the client waits: between retries, after a 429 and while pacing. Tests replace it with one
 * that moves a fake clock, so that waiting costs no real time.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits with {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long; never negative
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
