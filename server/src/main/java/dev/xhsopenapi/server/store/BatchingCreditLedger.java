package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit ledger with group commit: the reservations, charges and releases of concurrent
 * requests are settled together, many to one transaction, by one writer thread. Each operation
 * still runs the same conditional statements as {@link JdbcCreditLedger}, so the guarantees are
 * unchanged, and a caller returns only once its operation is committed; but the cost of a commit (a
 * WAL write on SQLite, a round trip and a flush on PostgreSQL) is shared by the whole batch.
 *
 * <p>Written by hand: this is the gateway's hot path (two ledger writes per charged call), and
 * batching across requests is specific to how the gateway settles credits.
 */
public final class BatchingCreditLedger implements CreditLedger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchingCreditLedger.class);
  private static final int MAX_BATCH = 256;

  private final Database db;
  private final Clock clock;
  private final JdbcCreditLedger direct;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  /** Starts the writer. */
  public BatchingCreditLedger(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.direct = new JdbcCreditLedger(db, clock);
    this.writer = Thread.ofPlatform().name("credit-ledger-writer").daemon().start(this::run);
  }

  @Override
  public boolean reserve(String accountId, String requestId, long amount) {
    long now = clock.millis();
    return submit(c -> JdbcCreditLedger.reserve(c, accountId, requestId, amount, now));
  }

  @Override
  public boolean commit(String requestId) {
    long now = clock.millis();
    return submit(c -> JdbcCreditLedger.commit(c, requestId, now));
  }

  @Override
  public boolean release(String requestId) {
    return submit(c -> JdbcCreditLedger.release(c, requestId));
  }

  @Override
  public int releaseAllOpen() {
    return direct.releaseAllOpen();
  }

  @Override
  public int releaseOlderThan(long epochMs) {
    return direct.releaseOlderThan(epochMs);
  }

  @Override
  public long adjust(String accountId, String requestId, long amount, String reason) {
    return direct.adjust(accountId, requestId, amount, reason);
  }

  @Override
  public Map<LocalDate, Long> chargedByDay(String accountId, LocalDate from, LocalDate to) {
    return direct.chargedByDay(accountId, from, to);
  }

  private boolean submit(SqlWork<Boolean> work) {
    if (!running) {
      throw new StoreException("settling credits", new IllegalStateException("ledger closed"));
    }
    Op op = new Op(work, new CompletableFuture<>());
    queue.add(op);
    try {
      return op.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The operation may still be settled by the writer; the caller treats this as a failure,
      // and an open reservation left by it is released as abandoned later.
      throw new StoreException("settling credits", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException("settling credits", e.getCause());
    }
  }

  private void run() {
    List<Op> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Op first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        settle(batch);
      } catch (InterruptedException e) {
        if (!running) {
          continue;
        }
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("credit ledger writer failed", e);
      }
    }
  }

  private void settle(List<Op> batch) {
    boolean[] results = new boolean[batch.size()];
    try {
      db.transaction(
          "settling " + batch.size() + " credit operation(s)",
          c -> {
            for (int i = 0; i < batch.size(); i++) {
              results[i] = batch.get(i).work().run(c);
            }
            return null;
          });
    } catch (RuntimeException e) {
      // Nothing of the batch was committed: every caller gets the failure.
      batch.forEach(op -> op.done().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results[i]);
    }
  }

  /** Settles what is queued, then stops the writer. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Op(SqlWork<Boolean> work, CompletableFuture<Boolean> done) {}
}
