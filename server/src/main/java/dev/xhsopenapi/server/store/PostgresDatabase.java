package dev.xhsopenapi.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * PostgreSQL, shared by any number of gateway nodes, through a HikariCP pool. Transactions run at
 * READ COMMITTED: every balance change is a single conditional {@code UPDATE}, which PostgreSQL
 * re-checks after taking the row lock, so concurrent nodes cannot overdraw or lose a credit.
 * Deadlocks and serialization failures are retried a few times.
 */
public final class PostgresDatabase implements Database {
  /** SQLSTATEs worth retrying: serialization failure, deadlock. */
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

  private static final int ATTEMPTS = 4;

  /** SQLSTATEs of a migration that collided with another node's: duplicate object or key. */
  private static final Set<String> COLLISIONS = Set.of("42P07", "42710", "23505");

  /** An arbitrary constant naming the schema-migration advisory lock. */
  private static final long MIGRATION_LOCK = 0x7868_736f_7061_6931L;

  private final HikariDataSource pool;

  private PostgresDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db?user=…}) and migrates the
   * schema (one node at a time).
   *
   * @param maxConnections the pool's size
   */
  public static PostgresDatabase open(String jdbcUrl, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(Math.min(2, maxConnections));
    config.setAutoCommit(false);
    config.setConnectionTimeout(5_000);
    config.setPoolName("xhs-openapi-store");
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("connecting to PostgreSQL at " + redacted(jdbcUrl), e);
    }
    PostgresDatabase db = new PostgresDatabase(pool);
    try {
      migrate(db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /**
   * Migrates, trying again when another node's concurrent migration made this one collide (an
   * object it meant to create already exists): the next try finds that node's work recorded.
   */
  private static void migrate(PostgresDatabase db) {
    for (int attempt = 1; ; attempt++) {
      try {
        Migrations.apply(db);
        return;
      } catch (StoreException e) {
        if (attempt >= ATTEMPTS
            || !(e.getCause() instanceof SQLException sql)
            || !COLLISIONS.contains(sql.getSQLState())) {
          throw e;
        }
      }
    }
  }

  @Override
  public <T> T transaction(String doing, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && RETRYABLE.contains(e.getSQLState())) {
          continue;
        }
        throw new StoreException(doing, e);
      }
    }
  }

  @Override
  public String claimRows() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  public String engine() {
    return "postgresql";
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public void lockForMigration(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** The URL without its password, for messages. */
  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
