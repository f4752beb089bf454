package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Debit;
import dev.xhsopenapi.server.billing.Spend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Other writes may ride along ({@link #alongside}): on SQLite, where one writer at a time is all
 * the store allows, the request log's rows are written on the ledger's transactions rather than on
 * transactions of their own, so the two never wait for each other's lock and the store commits once
 * for both.
 *
 * <p>Written by hand: this is the gateway's hot path (a ledger write per charged call), and
 * batching across requests is specific to how the gateway settles credits.
 */
public final class BatchingCreditLedger implements CreditLedger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchingCreditLedger.class);
  private static final int MAX_BATCH = 256;
  private static final int ATTEMPTS = 3;

  /**
   * How long work handed to {@link #alongside} waits for its batch, and {@link #close} for the
   * writer to settle what is queued, in ms.
   */
  private static final long SETTLE_WAIT_MS = 5_000;

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
  public Debit reserve(String requestId, Spend spend) {
    return startReserve(requestId, spend).held();
  }

  /** Queues the hold for the writer's next batch; {@code held()} waits for that batch's commit. */
  @Override
  public Reservation startReserve(String requestId, Spend spend) {
    long now = clock.millis();
    Op op = enqueue(new Work(c -> JdbcCreditLedger.reserve(c, requestId, spend, now)));
    return () -> (Debit) await(op);
  }

  @Override
  public Debit charge(String requestId, Spend spend) {
    long now = clock.millis();
    if (spend.capped()) {
      // A capped charge sums the day's spend after its own debit: one by one, not set-wise.
      return (Debit)
          await(enqueue(new Work(c -> JdbcCreditLedger.charge(c, requestId, spend, now))));
    }
    return (Debit) await(enqueue(new Charge(spend, requestId, now)));
  }

  @Override
  public boolean commit(String requestId) {
    long now = clock.millis();
    return (Boolean) await(enqueue(new Work(c -> JdbcCreditLedger.commit(c, requestId, now))));
  }

  @Override
  public boolean release(String requestId) {
    return (Boolean) await(enqueue(new Work(c -> JdbcCreditLedger.release(c, requestId))));
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
  public List<Charged> chargedBy(String accountId, LocalDate from, LocalDate to) {
    return direct.chargedBy(accountId, from, to);
  }

  /**
   * Runs {@code work} on the writer's next batch transaction, behind a savepoint, and returns once
   * that transaction is committed. Work that fails is rolled back to its savepoint alone: the
   * batch's credit operations are settled all the same.
   *
   * @throws StoreException when {@code work} or the batch's transaction fails, or the ledger is
   *     closed; {@code doing} names the operation
   */
  public <T> T alongside(String doing, SqlWork<T> work) {
    CompletableFuture<T> done =
        enqueue(new Alongside<>(doing, work, new CompletableFuture<>())).done();
    // Waits through interrupts: the work is queued and will be committed or refused, and a caller
    // that stopped waiting could not tell which (the request log's writer is interrupted to stop,
    // and must know whether its last rows were written).
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get(SETTLE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (TimeoutException e) {
          throw new StoreException(doing, e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new StoreException(doing, e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * This writer as {@link Transactions}: work handed to it runs {@link #alongside} the ledger's.
   */
  public Transactions writer() {
    return this::alongside;
  }

  private <O extends Op> O enqueue(O op) {
    if (!running) {
      throw new StoreException("settling credits", new IllegalStateException("ledger closed"));
    }
    queue.add(op);
    return op;
  }

  private static Object await(Op op) {
    return await("settling credits", op.done());
  }

  private static <T> T await(String doing, CompletableFuture<T> done) {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The operation may still be settled by the writer; the caller treats this as a failure,
      // and an open reservation left by it is released as abandoned later.
      throw new StoreException(doing, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException(doing, e.getCause());
    }
  }

  private void run() {
    List<Op> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Op first = queue.poll(100, TimeUnit.MILLISECONDS);
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
    List<Alongside<?>> others = new ArrayList<>();
    for (Op op : batch) {
      switch (op) {
        case Charge charge -> charges.add(charge);
        case Work work -> works.add(work);
        case Alongside<?> other -> others.add(other);
      }
    }
    Debit[] charged = new Debit[charges.size()];
    Object[] worked = new Object[works.size()];
    Object[] results = new Object[others.size()];
    RuntimeException[] failures = new RuntimeException[others.size()];
    for (int attempt = 1; ; attempt++) {
      try {
        db.transaction(
            "settling " + batch.size() + " credit operation(s)",
            c -> {
              Arrays.fill(charged, null);
              chargeAll(c, charges, charged);
              for (int i = 0; i < works.size(); i++) {
                worked[i] = works.get(i).work().run(c);
              }
              for (int i = 0; i < others.size(); i++) {
                results[i] = null;
                failures[i] = null;
                Savepoint savepoint = c.setSavepoint();
                try {
                  results[i] = others.get(i).work().run(c);
                  c.releaseSavepoint(savepoint);
                } catch (SQLException | RuntimeException e) {
                  c.rollback(savepoint);
                  failures[i] = new StoreException(others.get(i).doing(), e);
                }
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
    for (int i = 0; i < others.size(); i++) {
      others.get(i).settle(results[i], failures[i]);
    }
  }

  /**
   * Settles the batch's charges set-wise on {@code c}'s transaction; see the class comment. Each
   * charge learns the balance it left, as if the account's charges of the batch had been made one
   * by one in arrival order, and whether it took the balance under the account's low-balance
   * threshold.
   */
  private static void chargeAll(Connection c, List<Charge> charges, Debit[] charged)
      throws SQLException {
    if (charges.isEmpty()) {
      return;
    }
    Map<String, List<Integer>> byAccount = new TreeMap<>();
    for (int i = 0; i < charges.size(); i++) {
      byAccount.computeIfAbsent(charges.get(i).spend().accountId(), a -> new ArrayList<>()).add(i);
    }
    List<String> accounts = new ArrayList<>(byAccount.keySet());
    boolean[] taken = new boolean[charges.size()];
    int[] debited;
    try (PreparedStatement s = c.prepareStatement(JdbcCreditLedger.DEBIT)) {
      for (String account : accounts) {
        long total = 0;
        for (int i : byAccount.get(account)) {
          total += charges.get(i).spend().amount();
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
        indices.forEach(i -> taken[i] = true);
      } else if (debited[a] == 0) {
        for (int i : indices) {
          taken[i] = JdbcCreditLedger.debit(c, accounts.get(a), charges.get(i).spend().amount());
        }
      } else {
        // A driver that does not say whether a row changed cannot be settled safely.
        throw new SQLException("the JDBC driver gave no update count for a debit");
      }
    }
    settleBalances(c, charges, byAccount, taken, charged);
    try (PreparedStatement s = c.prepareStatement(JdbcCreditLedger.INSERT_ENTRY)) {
      boolean any = false;
      for (int i = 0; i < charges.size(); i++) {
        if (taken[i]) {
          Charge charge = charges.get(i);
          Spend spend = charge.spend();
          JdbcCreditLedger.bindEntry(
              s,
              charge.requestId(),
              "charge",
              spend.accountId(),
              -spend.amount(),
              null,
              charge.atMs(),
              spend.keyId(),
              spend.operation());
          s.addBatch();
          any = true;
        }
      }
      if (any) {
        s.executeBatch();
      }
    }
    // The day totals, one row per account, day, operation and key, in the accounts' order like
    // the debits.
    Map<List<String>, Long> byDay = new TreeMap<>(DAY_TOTAL_ORDER);
    for (int i = 0; i < charges.size(); i++) {
      if (taken[i]) {
        Charge charge = charges.get(i);
        Spend spend = charge.spend();
        byDay.merge(
            Arrays.asList(
                spend.accountId(),
                JdbcCreditLedger.day(charge.atMs()),
                spend.operation(),
                spend.keyId()),
            spend.amount(),
            Long::sum);
      }
    }
    if (byDay.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(JdbcCreditLedger.ADD_CHARGED)) {
      for (Map.Entry<List<String>, Long> total : byDay.entrySet()) {
        List<String> k = total.getKey();
        JdbcCreditLedger.bindCharged(s, k.get(0), k.get(1), k.get(2), k.get(3), total.getValue());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Account, day, operation, key; a null operation or key first. */
  private static final Comparator<List<String>> DAY_TOTAL_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          int d =
              Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
          if (d != 0) {
            return d;
          }
        }
        return 0;
      };

  /**
   * Reads the balances the batch left (one statement for all its accounts) and works out each
   * charge's {@link Debit}: the balance right after it, and whether it took the balance under its
   * account's low-balance threshold while the account was not yet warned.
   */
  private static void settleBalances(
      Connection c,
      List<Charge> charges,
      Map<String, List<Integer>> byAccount,
      boolean[] taken,
      Debit[] charged)
      throws SQLException {
    Map<String, AccountAfter> after = new TreeMap<>();
    String marks = String.join(", ", Collections.nCopies(byAccount.size(), "?"));
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT account_id, balance, low_balance_threshold, low_balance_alerted FROM accounts"
                + " WHERE account_id IN ("
                + marks
                + ")")) {
      int p = 1;
      for (String account : byAccount.keySet()) {
        s.setString(p++, account);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          after.put(
              rs.getString(1),
              new AccountAfter(rs.getLong(2), JdbcKeyStore.nullableLong(rs, 3), rs.getInt(4) != 0));
        }
      }
    }
    for (Map.Entry<String, List<Integer>> e : byAccount.entrySet()) {
      AccountAfter account = after.get(e.getKey());
      long balance = account.balance();
      boolean warn =
          account.threshold() != null
              && balance < account.threshold()
              && !account.warned()
              && JdbcCreditLedger.markWarned(c, e.getKey());
      List<Integer> indices = e.getValue();
      int crossing = -1;
      // Walk back from the account's last charge: each one left the balance the next one found.
      for (int k = indices.size() - 1; k >= 0; k--) {
        int i = indices.get(k);
        if (!taken[i]) {
          charged[i] = Debit.refused(Debit.Outcome.INSUFFICIENT_CREDITS);
          continue;
        }
        charged[i] = new Debit(Debit.Outcome.DEBITED, balance, false);
        long before = balance + charges.get(i).spend().amount();
        if (warn && balance < account.threshold() && before >= account.threshold()) {
          crossing = i;
        }
        balance = before;
      }
      if (warn && crossing < 0) {
        // The balance was under the threshold before the batch: its first charge warns.
        crossing = indices.stream().filter(i -> taken[i]).findFirst().orElse(-1);
      }
      if (crossing >= 0) {
        charged[crossing] = new Debit(Debit.Outcome.DEBITED, charged[crossing].balance(), true);
        AccountEvents.lowBalance(
            c,
            e.getKey(),
            charged[crossing].balance(),
            account.threshold(),
            charges.get(crossing).atMs());
      }
    }
  }

  /** An account's state after a batch's debits. */
  private record AccountAfter(long balance, Long threshold, boolean warned) {}

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
      writer.join(SETTLE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // What came in as the writer stopped is refused rather than left waiting.
    for (Op op = queue.poll(); op != null; op = queue.poll()) {
      op.done()
          .completeExceptionally(
              new StoreException("settling credits", new IllegalStateException("ledger closed")));
    }
  }

  /**
   * A queued ledger operation and the future its caller waits on: a {@link Debit} for reserves and
   * charges, a {@link Boolean} for commits and releases, the work's result for work {@link
   * #alongside}.
   */
  private sealed interface Op permits Work, Charge, Alongside {
    CompletableFuture<?> done();
  }

  /** An operation run as it is, on the batch's transaction. */
  private record Work(SqlWork<?> work, CompletableFuture<Object> done) implements Op {
    Work(SqlWork<?> work) {
      this(work, new CompletableFuture<>());
    }
  }

  /** Work of another store, run behind a savepoint on the batch's transaction. */
  private record Alongside<T>(String doing, SqlWork<T> work, CompletableFuture<T> done)
      implements Op {
    @SuppressWarnings("unchecked") // the result was produced by this op's own work
    void settle(Object result, RuntimeException failure) {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else {
        done.complete((T) result);
      }
    }
  }

  /** An uncapped charge without a reservation, settled set-wise with the batch's other charges. */
  private record Charge(Spend spend, String requestId, long atMs, CompletableFuture<Object> done)
      implements Op {
    Charge(Spend spend, String requestId, long atMs) {
      this(spend, requestId, atMs, new CompletableFuture<>());
    }
  }
}
