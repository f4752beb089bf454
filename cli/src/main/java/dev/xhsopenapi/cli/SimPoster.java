package dev.xhsopenapi.cli;

import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sim --post-every}: every period, a user of the simulator's dataset, picked at random,
 * posts a note with a made-up title ({@link Simulator#post}). Each post is logged at DEBUG only.
 * One daemon thread, stopped by {@link #close}.
 */
final class SimPoster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimPoster.class);

  /** The shortest period taken: below it the dataset would grow faster than anyone can watch. */
  static final Duration MIN_PERIOD = Duration.ofMillis(1);

  /** The longest period taken: a year. */
  static final Duration MAX_PERIOD = Duration.ofDays(365);

  private final Simulator simulator;
  private final ScheduledExecutorService schedule;
  private final ScheduledFuture<?> posting;

  private SimPoster(Simulator simulator, Duration period) {
    this.simulator = simulator;
    this.schedule =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sim-poster");
              thread.setDaemon(true);
              return thread;
            });
    long nanos = period.toNanos();
    this.posting = schedule.scheduleAtFixedRate(this::postOne, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Starts posting: the first post one period from now.
   *
   * @param period from {@link #MIN_PERIOD} to {@link #MAX_PERIOD}
   * @throws IllegalArgumentException when the period is outside that range
   */
  static SimPoster start(Simulator simulator, Duration period) {
    Objects.requireNonNull(simulator, "simulator");
    if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException(
          "the period must be from " + MIN_PERIOD + " to " + MAX_PERIOD + ", got " + period);
    }
    return new SimPoster(simulator, period);
  }

  /**
   * The period {@code --post-every} gives, in seconds (a decimal such as 0.5).
   *
   * @throws IllegalArgumentException when it is not a number of seconds from 0.001 to 31536000
   */
  static Duration period(double seconds) {
    if (!(seconds >= 0.001 && seconds <= MAX_PERIOD.toSeconds())) {
      throw new IllegalArgumentException(
          "must be a number of seconds from 0.001 to "
              + MAX_PERIOD.toSeconds()
              + " (a year), e.g. 0.5 or 30; got "
              + seconds);
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** Stops posting; a post under way finishes first (it takes microseconds). */
  @Override
  public void close() {
    posting.cancel(false);
    schedule.shutdownNow();
    try {
      if (!schedule.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("the simulator's poster did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void postOne() {
    try {
      List<SimUser> users = simulator.dataset().users();
      if (users.isEmpty()) {
        return;
      }
      String userId = users.get(ThreadLocalRandom.current().nextInt(users.size())).userId();
      Optional<String> note = simulator.post(userId, null);
      log.debug("user {} posted a note: {}", userId, note.orElse("(none)"));
    } catch (RuntimeException e) {
      // A failed post must not end the schedule, which would stop every later post silently.
      log.warn("a simulated post failed", e);
    }
  }
}
