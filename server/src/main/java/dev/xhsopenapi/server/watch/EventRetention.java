package dev.xhsopenapi.server.watch;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the webhook events of a long-running gateway bounded ({@code webhooks.retention-days}):
 * removes the events whose delivery ended more than the retention ago, with their deliveries and
 * attempts, for creator watches and accounts alike ({@link WatchStore#pruneEndedBefore}). Every
 * node runs it, a minute after its worker starts and then at most once an hour, in transactions of
 * {@link #BATCH} events so that the store's writer is never held long; nodes that prune at once
 * each remove what the others have not.
 */
public final class EventRetention {
  private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

  /** The least time between two runs on a node. */
  public static final Duration EVERY = Duration.ofHours(1);

  /** How long after the start the first run is due: the node has started serving by then. */
  public static final Duration FIRST_AFTER = Duration.ofMinutes(1);

  /** The most events one transaction removes. */
  public static final int BATCH = 1_000;

  private final WatchStore store;
  private final Duration retention;
  private final Clock clock;
  private final int batch;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long nextRunMs;

  /** A schedule whose first run is due {@link #FIRST_AFTER} from now. */
  public EventRetention(WatchStore store, Duration retention, Clock clock) {
    this(store, retention, clock, BATCH);
  }

  /**
   * A schedule whose first run is due {@link #FIRST_AFTER} from now.
   *
   * @param batch the most events one transaction removes
   */
  EventRetention(WatchStore store, Duration retention, Clock clock, int batch) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.batch = batch;
    this.nextRunMs = clock.millis() + FIRST_AFTER.toMillis();
  }

  /**
   * Starts a run on {@code executor} when one is due and none is under way; the next is then due
   * {@link #EVERY} later, whatever this one finds.
   *
   * @return whether a run was started
   */
  public boolean runIfDue(Executor executor) {
    long now = clock.millis();
    if (now < nextRunMs || !running.compareAndSet(false, true)) {
      return false;
    }
    nextRunMs = now + EVERY.toMillis();
    try {
      executor.execute(
          () -> {
            try {
              run(now);
            } catch (RuntimeException e) {
              // The store is down or refused: the next run, an hour on, removes what this did not.
              log.warn("could not prune webhook events: {}", e.getMessage());
            } finally {
              running.set(false);
            }
          });
    } catch (RuntimeException e) {
      running.set(false);
      throw e;
    }
    return true;
  }

  /**
   * Removes now what the retention allows, logging one line when it removed something.
   *
   * @return what was removed, or empty when nothing was
   */
  public Optional<WatchStore.Pruned> run() {
    return run(clock.millis());
  }

  private Optional<WatchStore.Pruned> run(long nowMs) {
    WatchStore.Pruned pruned = store.pruneEndedBefore(nowMs - retention.toMillis(), batch);
    if (pruned.total() == 0) {
      return Optional.empty();
    }
    log.info(
        "pruned {} watch events and {} account events past the retention of {} days",
        pruned.watchEvents(),
        pruned.accountEvents(),
        retention.toDays());
    return Optional.of(pruned);
  }
}
