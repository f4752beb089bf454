package dev.xhsopenapi.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default: one SQLite file in WAL mode, one connection, one transaction at a time.
 * SQLite lets a single writer in at once anyway; holding one connection behind a fair lock avoids
 * SQLITE_BUSY retries and keeps each transaction at tens of microseconds.
 */
public final class SqliteDatabase implements Database {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);

  private SqliteDatabase(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) {@code gateway.db} under {@code dataDir} and migrates it. */
  public static SqliteDatabase open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Connection connection =
          DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"));
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode survives a crash of this process (kill -9); only a power loss
        // can take the last transactions back.
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      connection.setAutoCommit(false);
      SqliteDatabase db = new SqliteDatabase(connection);
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
