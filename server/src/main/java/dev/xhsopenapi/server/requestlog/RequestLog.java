package dev.xhsopenapi.server.requestlog;

import dev.xhsopenapi.server.auth.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the request log off the hot path: requests only enqueue their row; one background thread
 * writes rows in batches (and the keys' last-used times with them). {@link #close} writes whatever
 * is still queued, so a clean shutdown loses nothing.
 */
public final class RequestLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

  /**
   * The most rows one transaction writes. On SQLite the log's rows are written on the credit
   * ledger's transactions (see {@code BatchingCreditLedger#alongside}), and the charges settled by
   * such a transaction wait for its rows: this bounds that wait to a few milliseconds.
   */
  private static final int MAX_BATCH = 500;

  /**
   * How long the writer lets rows gather after the first before writing them. A transaction writes
   * out every page it touches, and the rows of a batch share their index pages (by account, by
   * time), so larger, rarer batches write fewer bytes per row: measured with 100 accounts at ~6,000
   * calls/s, 200 ms instead of 20 ms took the store's writes per cached-page call from ~25 KiB to
   * ~19 KiB (bench/RESULTS.md). Readers of the log call {@link #flush} first, so they never miss a
   * row for it; a crash loses what waits, as it would lose the queue at any linger.
   */
  private static final long LINGER_MS = 200;

  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final RequestLogStore store;
  private final KeyStore keys;
  private final Clock clock;
  private final Duration retention;
  private final BlockingQueue<RequestRecord> queue;
  private final ReentrantLock writing = new ReentrantLock();
  private final Thread writer;
  private volatile boolean running = true;
  private long lastPruneMs;

  /**
   * Starts the writer.
   *
   * @param capacity how many rows may wait; past that, requests wait for the writer
   * @param retention how long rows are kept
   */
  public RequestLog(
      RequestLogStore store, KeyStore keys, Clock clock, int capacity, Duration retention) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.retention = retention;
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.writer = Thread.ofPlatform().name("request-log-writer").daemon().start(this::run);
  }

  /** Queues a row; returns at once unless the queue is full. */
  public void add(RequestRecord row) {
    try {
      queue.put(row);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("interrupted while queueing request log row {}", row.requestId());
    }
  }

  /** How many rows wait to be written. */
  public int pending() {
    return queue.size();
  }

  /** Writes every row queued so far before returning. */
  public void flush() {
    writing.lock();
    try {
      while (!queue.isEmpty()) {
        writeBatch();
      }
    } finally {
      writing.unlock();
    }
  }

  private void run() {
    while (running) {
      try {
        RequestRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          pruneIfDue();
          continue;
        }
        writing.lock();
        try {
          if (queue.size() < MAX_BATCH - 1) {
            linger();
          }
          write(first);
        } finally {
          writing.unlock();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("request log writer failed; will retry with the next rows", e);
      }
    }
  }

  private static void linger() {
    try {
      Thread.sleep(LINGER_MS);
    } catch (InterruptedException e) {
      // Stopping: the rows at hand are written now, and the loop ends at its next wait.
      Thread.currentThread().interrupt();
    }
  }

  private void writeBatch() {
    RequestRecord first = queue.poll();
    if (first != null) {
      write(first);
    }
  }

  private void write(RequestRecord first) {
    List<RequestRecord> batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size() + 1));
    batch.add(first);
    queue.drainTo(batch, MAX_BATCH - 1);
    store.append(batch);
    Map<String, Long> lastUsed = new HashMap<>();
    for (RequestRecord r : batch) {
      if (r.keyId() != null) {
        lastUsed.merge(r.keyId(), r.atMs(), Math::max);
      }
    }
    keys.touch(lastUsed);
  }

  private void pruneIfDue() {
    long now = clock.millis();
    if (now - lastPruneMs < PRUNE_EVERY.toMillis()) {
      return;
    }
    lastPruneMs = now;
    int pruned = store.deleteBefore(now - retention.toMillis());
    if (pruned > 0) {
      log.info("pruned {} request log rows older than {}", pruned, retention);
    }
  }

  /** Stops the writer after writing every queued row. */
  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
