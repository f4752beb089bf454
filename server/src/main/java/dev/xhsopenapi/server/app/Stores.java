package dev.xhsopenapi.server.app;

import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.console.ConsoleStore;
import dev.xhsopenapi.server.ops.metrics.GatewayMetrics;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.store.BatchingCreditLedger;
import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.store.JdbcAccountStore;
import dev.xhsopenapi.server.store.JdbcConsoleStore;
import dev.xhsopenapi.server.store.JdbcKeyStore;
import dev.xhsopenapi.server.store.JdbcRequestLogStore;
import dev.xhsopenapi.server.store.JdbcWatchStore;
import dev.xhsopenapi.server.store.PostgresDatabase;
import dev.xhsopenapi.server.store.SqliteDatabase;
import dev.xhsopenapi.server.store.StoreException;
import dev.xhsopenapi.server.store.Transactions;
import dev.xhsopenapi.server.watch.WatchStore;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's store and what lives on it, opened together and closed together: the database, the
 * account, key and console stores, the credit ledger (batched, metered), the request log and the
 * sweeper that releases credit reservations abandoned by crashed nodes.
 *
 * <p>{@link #close} stops the sweeper, writes the queued request log rows, settles the batched
 * credits and closes the database, in that order.
 */
public final class Stores implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Stores.class);

  private final Database db;
  private final AccountStore accounts;
  private final KeyStore keys;
  private final ConsoleStore console;
  private final WatchStore watches;
  private final BatchingCreditLedger settlement;
  private final CreditLedger ledger;
  private final RequestLogStore requestLogStore;
  private final RequestLog requestLog;
  private final ScheduledExecutorService sweeper;

  private Stores(GatewayConfig config, Clock clock, GatewayMetrics metrics, Database db) {
    this.db = db;
    this.accounts = new JdbcAccountStore(db, clock, new RandomIds(), config.watches().secrets());
    this.settlement = new BatchingCreditLedger(db, clock);
    // On SQLite (one writer at a time) the request log's writes ride on the ledger's batches, so
    // that the two writers never queue for the store's lock; PostgreSQL takes them side by side,
    // and joining them there would only hold the accounts' row locks longer.
    Transactions logWrites = db.shared() ? db : settlement.writer();
    this.keys = new JdbcKeyStore(db, clock, logWrites);
    this.console = new JdbcConsoleStore(db);
    this.watches = new JdbcWatchStore(db, config.watches().secrets());
    this.ledger = metrics.meter(settlement);
    this.requestLogStore = new JdbcRequestLogStore(db, logWrites);
    // A single node owns every reservation in its store: any still open belong to a previous
    // run of this node that died before settling them. In a shared store they may belong to live
    // nodes, so only those older than any request lives are released, here and periodically.
    long abandonAfterMs = config.abandonReservationsAfter().toMillis();
    releaseAbandoned(db.shared() ? clock.millis() - abandonAfterMs : Long.MAX_VALUE);
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reservation-sweeper").daemon().factory());
    long sweepEvery = Math.max(1, config.abandonReservationsAfter().toSeconds() / 4);
    // Failures are logged inside the task; the future only matters for cancelling, done by close.
    var unused =
        sweeper.scheduleWithFixedDelay(
            () -> releaseAbandoned(clock.millis() - abandonAfterMs),
            sweepEvery,
            sweepEvery,
            TimeUnit.SECONDS);
    this.requestLog =
        new RequestLog(
            requestLogStore,
            keys,
            clock,
            config.requestLog().queueCapacity(),
            config.requestLog().retention());
    metrics.watch(requestLog);
  }

  /**
   * Opens the store {@code config} names (SQLite under {@code --data}, or PostgreSQL at {@code
   * --db}), releases reservations left open by a crash and starts the sweeper.
   *
   * @throws GatewayStartException when the store cannot be opened; its message names the path
   * @throws IllegalArgumentException when {@code --db} is not a PostgreSQL JDBC URL
   */
  public static Stores open(GatewayConfig config, Clock clock, GatewayMetrics metrics) {
    Database db = openDatabase(config);
    try {
      return new Stores(config, clock, metrics, db);
    } catch (RuntimeException e) {
      try {
        db.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static Database openDatabase(GatewayConfig config) {
    if (config.dbUrl() == null) {
      Path dir = config.dataDir();
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new GatewayStartException(
            "cannot open the store under --data " + dir + ": it is a file, not a folder");
      }
      try {
        return SqliteDatabase.open(dir);
      } catch (StoreException e) {
        throw new GatewayStartException(
            "cannot open the store under --data " + dir + ": " + rootCause(e), e);
      }
    }
    if (config.dbUrl().startsWith("jdbc:postgresql:")) {
      try {
        return PostgresDatabase.open(config.dbUrl(), config.dbPoolSize());
      } catch (StoreException e) {
        throw new GatewayStartException("cannot open the store: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        "--db must be a jdbc:postgresql:// URL (or left out for the embedded SQLite store)");
  }

  /** The innermost cause's message (or its type when it has none): the words that say why. */
  private static String rootCause(Throwable t) {
    Throwable root = t;
    for (int depth = 0; root.getCause() != null && depth < 20; depth++) {
      root = root.getCause();
    }
    if (root instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (root instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + ": " + fs.getFile();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private void releaseAbandoned(long before) {
    try {
      int released = ledger.releaseOlderThan(before);
      if (released > 0) {
        log.warn("released {} credit reservation(s) abandoned by a crashed node", released);
      }
    } catch (RuntimeException e) {
      log.error("releasing abandoned credit reservations failed; will retry", e);
    }
  }

  /** The creator watches, their events and deliveries. */
  public WatchStore watches() {
    return watches;
  }

  /** The database. */
  public Database database() {
    return db;
  }

  /** The accounts. */
  public AccountStore accounts() {
    return accounts;
  }

  /** The API keys. */
  public KeyStore keys() {
    return keys;
  }

  /** The console's users, sessions and sign-in attempts. */
  public ConsoleStore console() {
    return console;
  }

  /** The credit ledger: batched commits, counted by the metrics. */
  public CreditLedger ledger() {
    return ledger;
  }

  /** The stored request log rows. */
  public RequestLogStore requestLogStore() {
    return requestLogStore;
  }

  /** The queue in front of the request log's table. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** Stops the sweeper, writes the queued log rows, settles batched credits, closes the store. */
  @Override
  public void close() {
    sweeper.shutdownNow();
    requestLog.close();
    settlement.close();
    db.close();
  }
}
