package dev.xhsopenapi.bench;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.auth.ApiKeys;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.ratelimit.LocalRateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimitDecision;
import dev.xhsopenapi.server.store.JdbcAccountStore;
import dev.xhsopenapi.server.store.JdbcCreditLedger;
import dev.xhsopenapi.server.store.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The pieces every charged call goes through, each on its own. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HotPathBenchmarks {
  private final String key = ApiKeys.generate(new RandomIds());
  private final AtomicLong sequence = new AtomicLong();
  private LocalRateLimiter limiter;
  private SqliteDatabase db;
  private JdbcCreditLedger ledger;
  private String accountId;
  private Path dir;

  /** Opens a fresh SQLite store with one well-funded account. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    limiter = new LocalRateLimiter(Clock.systemUTC());
    dir = Files.createTempDirectory("xhs-jmh");
    db = SqliteDatabase.open(dir);
    Account account =
        new JdbcAccountStore(db, Clock.systemUTC(), new RandomIds())
            .create("bench", Long.MAX_VALUE / 4, 1_000_000, UUID.randomUUID().toString());
    accountId = account.accountId();
    ledger = new JdbcCreditLedger(db, Clock.systemUTC());
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  /** Hashing a presented key to look it up (SHA-256 of 40 ASCII bytes). */
  @Benchmark
  public String keyHash() {
    return ApiKeys.hash(key);
  }

  /** One strict-window decision for one of 1,000 accounts. */
  @Benchmark
  public RateLimitDecision windowDecision() {
    return limiter.tryAcquire("account-" + (sequence.incrementAndGet() % 1000), 1_000_000_000);
  }

  /** Reserving a credit and charging it: the two ledger transactions of a charged call. */
  @Benchmark
  public boolean ledgerReserveCommit() {
    String requestId = "r" + sequence.incrementAndGet();
    ledger.reserve(accountId, requestId, 1);
    return ledger.commit(requestId);
  }

  /** Charging a cached page: one ledger transaction (debit and charge row). */
  @Benchmark
  public boolean ledgerCharge() {
    return ledger.charge(accountId, "c" + sequence.incrementAndGet(), 1);
  }

  /** A request id. */
  @Benchmark
  public String requestId() {
    return UUID.randomUUID().toString();
  }
}
