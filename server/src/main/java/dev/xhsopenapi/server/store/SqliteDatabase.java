package dev.xhsopenapi.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: one SQLite file in WAL mode, one connection, one transaction at a time.
 * SQLite lets a single writer in at once anyway; holding one connection behind a fair lock avoids
 * SQLITE_BUSY retries and keeps each transaction at tens of microseconds.
 */
public final class SqliteDatabase implements Database {
  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  /** The page size of a store created here, in bytes; see {@link #open}. */
  static final int NEW_PAGE_BYTES = 1024;

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Checkpointer checkpointer;

  private SqliteDatabase(Connection connection, String url) throws SQLException {
    this.connection = connection;
    this.checkpointer = new Checkpointer(url);
  }

  /** Opens (creating if needed) {@code gateway.db} under {@code dataDir} and migrates it. */
  public static SqliteDatabase open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      String url = "jdbc:sqlite:" + dataDir.resolve("gateway.db");
      Connection connection = DriverManager.getConnection(url, connectionProperties());
      try (Statement s = connection.createStatement()) {
        // Set before the first table (it cannot change in WAL mode afterwards): a commit writes
        // every page it touched, and the request id indexes take each row on a page of their
        // own, so smaller pages write less. Measured with 100 accounts at ~7,000 cached-page
        // calls/s: 14 KiB -> 8.7 KiB written per call (bench/RESULTS.md). A store created
        // with SQLite's default of 4 KiB keeps it.
        s.execute("PRAGMA page_size=" + NEW_PAGE_BYTES);
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode survives a crash of this process (kill -9); only a power loss
        // can take the last transactions back.
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
        // Checkpoints run on a connection of their own (see Checkpointer), not in commits.
        s.execute("PRAGMA wal_autocheckpoint=0");
      }
      connection.setAutoCommit(false);
      SqliteDatabase db = new SqliteDatabase(connection, url);
      try {
        Migrations.apply(db);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
      return db;
    } catch (java.io.IOException | SQLException e) {
      throw new StoreException("opening the SQLite store under " + dataDir, e);
    }
  }

  /**
   * The driver's settings for both connections. The driver would otherwise run a second query
   * ({@code SELECT last_insert_rowid()}) after every INSERT, matched by a regular expression, for
   * generated keys that no store reads (rows are keyed by ids the gateway makes): a tenth of each
   * ledger transaction's time.
   */
  private static Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("jdbc.get_generated_keys", "false");
    return p;
  }

  @Override
  public <T> T transaction(String doing, SqlWork<T> work) {
    lock.lock();
    try {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(e);
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new StoreException(doing, e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Copies the whole log back and empties it, on the writer's connection, under the lock. */
  private void truncateLog() {
    lock.lock();
    try {
      connection.setAutoCommit(true);
      try {
        checkpoint(connection, "TRUNCATE");
      } finally {
        connection.setAutoCommit(false);
      }
    } catch (SQLException e) {
      log.warn("WAL checkpoint failed: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  /** The store's page size, which is also the size of a frame of its log, in bytes. */
  private static long pageBytes(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA page_size")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs a WAL checkpoint on {@code c}; returns how many frames the log holds. */
  private static int checkpoint(Connection c, String mode) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
      rs.next();
      return rs.getInt(2);
    }
  }

  /**
   * Copies the write-ahead log back into the database file from a thread and connection of its own.
   * Left to SQLite, the commit that fills the log past its threshold runs the checkpoint itself,
   * with its fsyncs, while every other transaction waits for it behind the one writer; under load
   * that stall was a third of the gateway's time. A passive checkpoint does not block the writer.
   * When the log is still long after one (the writer never paused), a second pass runs with the
   * writer held back, which leaves little to copy and lets the log start over.
   */
  private final class Checkpointer implements AutoCloseable {
    private static final long EVERY_MS = 500;

    /**
     * How long the log may grow, in bytes, before a checkpoint holds the writer back to let it
     * start over. That pass stalls every request that settles credits for tens of milliseconds
     * under load (it copies what was written during the passive pass, then syncs the file), so it
     * should be rare: at ~60 MB/s of writes, 64 MiB lets it run about once a second.
     */
    private static final long RESTART_ABOVE_BYTES = 64L << 20;

    private final Connection own;
    private final long frameBytes;
    private final Thread thread;
    private volatile boolean running = true;

    Checkpointer(String url) throws SQLException {
      this.own = DriverManager.getConnection(url, connectionProperties());
      try (Statement s = own.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
      }
      this.frameBytes = pageBytes(own);
      this.thread = Thread.ofPlatform().name("sqlite-checkpointer").daemon().start(this::run);
    }

    private void run() {
      while (running) {
        try {
          Thread.sleep(EVERY_MS);
          if (checkpoint(own, "PASSIVE") * frameBytes > RESTART_ABOVE_BYTES) {
            // Writes went on during the pass, so the log cannot start over. Once more with the
            // writer held back: only the frames of the last moments are left to copy, and the
            // next transaction starts the log from its beginning again.
            lock.lock();
            try {
              checkpoint(own, "PASSIVE");
            } finally {
              lock.unlock();
            }
          }
        } catch (InterruptedException e) {
          return;
        } catch (SQLException e) {
          log.warn("WAL checkpoint failed; will retry: {}", e.getMessage());
        }
      }
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
      try {
        thread.join(5_000);
        own.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (SQLException e) {
        log.warn("closing the checkpoint connection failed: {}", e.getMessage());
      }
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public String engine() {
    return "sqlite";
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public void close() {
    checkpointer.close();
    truncateLog();
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the SQLite store", e);
    } finally {
      lock.unlock();
    }
  }
}
