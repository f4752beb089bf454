package dev.xhsopenapi.upstream.sim;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The random draws behind the simulator's faults, from one seeded {@link SplittableRandom}. Each
 * App call takes one {@link Roll} of four draws, whatever the settings, so that a sequence of calls
 * sees the same rolls on every run with the same seed. Calls made at the same time take their rolls
 * in whatever order they arrive, so only a sequential run is reproducible.
 */
final class FaultDice {
  private final long seed;
  private SplittableRandom random;

  FaultDice(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * The draws of one call.
   *
   * @param fault uniform in {@code [0, 1)}, picks the random fault
   * @param jitter uniform in {@code [0, 1)}, sets the extra delay
   * @param verifyUuid the {@code Verifyuuid} of a captcha answer, a version 4 UUID
   */
  record Roll(double fault, double jitter, UUID verifyUuid) {}

  /** The next call's draws. */
  synchronized Roll roll() {
    double fault = random.nextDouble();
    double jitter = random.nextDouble();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new Roll(fault, jitter, new UUID(high, low));
  }

  /** Starts the draws over from the seed, as if no call had been made. */
  synchronized void reseed() {
    random = new SplittableRandom(seed);
  }
}
