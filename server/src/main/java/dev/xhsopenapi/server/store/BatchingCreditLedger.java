package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>Charges of cached pages ({@link #charge}) are settled set-wise: one conditional debit per
 * account for the sum of its charges in the batch, then all their ledger rows in one JDBC batch, so
 * a batch costs a few statements (and on PostgreSQL a few round trips) however many requests it
 * settles. An account whose balance cannot cover its sum has its charges settled one by one, in
 * arrival order, so exactly those that fit are charged. Accounts are debited in the order of their
 * ids, so that batches of several nodes take row locks in the same order; a batch that still meets
 * a deadlock or serialization failure is rolled back and run again.
 *
 * <p>Written by hand: this is the gateway's hot path (a ledger write per charged call), and
 * batching across requests is specific to how the gateway settles credits.
 */
public final class BatchingCreditLedger implements CreditLedger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchingCreditLedger.class);
  private static final int MAX_BATCH = 256;
  private static final int ATTEMPTS = 3;

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
    return startReserve(accountId, requestId, amount).held();
  }

  /** Queues the hold for the writer's next batch; {@code held()} waits for that batch's commit. */
  @Override
  public Reservation startReserve(String accountId, String requestId, long amount) {
    long now = clock.millis();
    Op op = enqueue(new Work(c -> JdbcCreditLedger.reserve(c, accountId, requestId, amount, now)));
    return () -> await(op);
  }

  @Override
  public boolean charge(String accountId, String requestId, long amount) {
    return await(enqueue(new Charge(accountId, requestId, amount, clock.millis())));
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
    return await(enqueue(new Work(work)));
  }

  private Op enqueue(Op op) {
    if (!running) {
      throw new StoreException("settling credits", new IllegalStateException("ledger closed"));
    }
    queue.add(op);
    return op;
  }

  private static boolean await(Op op) {
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
    List<Charge> charges = new ArrayList<>();
    List<Work> works = new ArrayList<>();
    for (Op op : batch) {
      switch (op) {
        case Charge charge -> charges.add(charge);
        case Work work -> works.add(work);
      }
    }
    boolean[] charged = new boolean[charges.size()];
    boolean[] worked = new boolean[works.size()];
    for (int attempt = 1; ; attempt++) {
      try {
        db.transaction(
            "settling " + batch.size() + " credit operation(s)",
            c -> {
              Arrays.fill(charged, false);
              chargeAll(c, charges, charged);
              for (int i = 0; i < works.size(); i++) {
                worked[i] = works.get(i).work().run(c);
              }
              return null;
            });
        break;
      } catch (RuntimeException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          log.warn("settling credits met a conflict; running the batch again: {}", e.getMessage());
          continue;
        }
        // Nothing of the batch was committed: every caller gets the failure.
        batch.forEach(op -> op.done().completeExceptionally(e));
        return;
      }
    }
    for (int i = 0; i < charges.size(); i++) {
      charges.get(i).done().complete(charged[i]);
    }
    for (int i = 0; i < works.size(); i++) {
      works.get(i).done().complete(worked[i]);
    }
  }

  /** Settles the batch's charges set-wise on {@code c}'s transaction; see the class comment. */
  private static void chargeAll(Connection c, List<Charge> charges, boolean[] charged)
      throws SQLException {
    if (charges.isEmpty()) {
      return;
    }
    Map<String, List<Integer>> byAccount = new TreeMap<>();
    for (int i = 0; i < charges.size(); i++) {
      byAccount.computeIfAbsent(charges.get(i).accountId(), a -> new ArrayList<>()).add(i);
    }
    List<String> accounts = new ArrayList<>(byAccount.keySet());
    int[] debited;
    try (PreparedStatement s = c.prepareStatement(JdbcCreditLedger.DEBIT)) {
      for (String account : accounts) {
        long total = 0;
        for (int i : byAccount.get(account)) {
          total += charges.get(i).amount();
        }
        s.setLong(1, total);
        s.setString(2, account);
        s.setLong(3, total);
        s.addBatch();
      }
      debited = s.executeBatch();
    }
    for (int a = 0; a < accounts.size(); a++) {
      List<Integer> indices = byAccount.get(accounts.get(a));
      if (debited[a] > 0) {
        indices.forEach(i -> charged[i] = true);
      } else if (debited[a] == 0) {
        for (int i : indices) {
          charged[i] = JdbcCreditLedger.debit(c, accounts.get(a), charges.get(i).amount());
        }
      } else {
        // A driver that does not say whether a row changed cannot be settled safely.
        throw new SQLException("the JDBC driver gave no update count for a debit");
      }
    }
    try (PreparedStatement s = c.prepareStatement(JdbcCreditLedger.INSERT_ENTRY)) {
      boolean any = false;
      for (int i = 0; i < charges.size(); i++) {
        if (charged[i]) {
          Charge charge = charges.get(i);
          JdbcCreditLedger.bindEntry(
              s,
              charge.requestId(),
              "charge",
              charge.accountId(),
              -charge.amount(),
              null,
              charge.atMs());
          s.addBatch();
          any = true;
        }
      }
      if (any) {
        s.executeBatch();
      }
    }
  }

  /** Whether a failed batch may succeed when run again: a deadlock or serialization failure. */
  private static boolean retryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
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

  /** A queued ledger operation and the future its caller waits on. */
  private sealed interface Op permits Work, Charge {
    CompletableFuture<Boolean> done();
  }

  /** An operation run as it is, on the batch's transaction. */
  private record Work(SqlWork<Boolean> work, CompletableFuture<Boolean> done) implements Op {
    Work(SqlWork<Boolean> work) {
      this(work, new CompletableFuture<>());
    }
  }

  /** A charge without a reservation, settled set-wise with the batch's other charges. */
  private record Charge(
      String accountId, String requestId, long amount, long atMs, CompletableFuture<Boolean> done)
      implements Op {
    Charge(String accountId, String requestId, long amount, long atMs) {
      this(accountId, requestId, amount, atMs, new CompletableFuture<>());
    }
  }
}
