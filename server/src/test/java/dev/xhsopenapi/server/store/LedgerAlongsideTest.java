package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other stores' writes riding on the credit ledger's batches ({@code alongside}). */
class LedgerAlongsideTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
  @TempDir Path dir;
  private Database db;
  private JdbcAccountStore accounts;
  private BatchingCreditLedger ledger;
  private JdbcRequestLogStore requests;

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir);
    accounts = new JdbcAccountStore(db, clock, new RandomIds());
    ledger = new BatchingCreditLedger(db, clock);
    requests = new JdbcRequestLogStore(db, ledger.writer());
  }

  @AfterEach
  void close() {
    ledger.close();
    db.close();
  }

  @Test
  void rowsWrittenAlongside_areCommittedWhenAppendReturns() {
    Account a = accounts.create("a", 5, 300, UUID.randomUUID().toString());
    RequestRecord row = row(a, "r-1");
    requests.append(List.of(row));
    assertThat(requests.find("r-1")).contains(row);
  }

  @Test
  void workThatFails_isRolledBackAlone_andTheBatchsChargesStillSettle() throws Exception {
    Account a = accounts.create("a", 5, 300, UUID.randomUUID().toString());
    CountDownLatch release = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      // Holds the writer inside a batch, so that what is queued next lands in one batch together.
      Thread first = holdWriter(release);
      Future<Boolean> charge = pool.submit(() -> ledger.charge(a.accountId(), "r-2", 2));
      Future<Object> failing =
          pool.submit(
              () ->
                  ledger.alongside(
                      "a write that fails half way",
                      c -> {
                        JdbcRequestLogStore.insert(c, List.of(row(a, "r-3")));
                        throw new IllegalStateException("the second half failed");
                      }));
      Future<?> logged = pool.submit(() -> requests.append(List.of(row(a, "r-4"))));
      release.countDown();
      first.join(10_000);
      assertThat(charge.get(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StoreException.class)
          .rootCause()
          .hasMessage("the second half failed");
      logged.get(10, TimeUnit.SECONDS);
    }
    assertThat(accounts.find(a.accountId()).orElseThrow().balance()).isEqualTo(3);
    assertThat(requests.find("r-3")).isEmpty();
    assertThat(requests.find("r-4")).isPresent();
  }

  @Test
  void aWriterInterruptedWhileWaiting_stillLearnsThatItsRowsWereWritten() throws Exception {
    Account a = accounts.create("a", 5, 300, UUID.randomUUID().toString());
    CountDownLatch release = new CountDownLatch(1);
    Thread blocker = holdWriter(release);
    java.util.concurrent.atomic.AtomicBoolean interruptKept =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  requests.append(List.of(row(a, "r-5")));
                  interruptKept.set(Thread.currentThread().isInterrupted());
                });
    Thread.sleep(50);
    writer.interrupt();
    release.countDown();
    writer.join(10_000);
    blocker.join(10_000);
    assertThat(requests.find("r-5")).isPresent();
    assertThat(interruptKept).isTrue();
  }

  @Test
  void afterClose_writesAreRefused() {
    ledger.close();
    assertThatThrownBy(() -> ledger.alongside("late work", c -> 1))
        .isInstanceOf(StoreException.class);
  }

  /**
   * Starts work on the ledger's writer that holds its batch open until {@code release} counts down;
   * returns once the writer is inside it, with the thread that handed it the work.
   */
  private Thread holdWriter(CountDownLatch release) throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    Thread thread =
        Thread.ofVirtual()
            .start(
                () ->
                    ledger.alongside(
                        "holding the writer",
                        c -> {
                          holding.countDown();
                          try {
                            return release.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                          }
                        }));
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    return thread;
  }

  private RequestRecord row(Account a, String requestId) {
    return new RequestRecord(
        requestId,
        a.accountId(),
        null,
        "sk_live_abcd",
        "/openapi/v1/x",
        "u1",
        null,
        200,
        null,
        1,
        "HIT",
        null,
        3,
        clock.millis(),
        0,
        null,
        null);
  }
}
