package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log is copied back by the store itself, not by the commits. */
class SqliteCheckpointTest {
  @TempDir Path dir;

  @Test
  void close_foldsTheLogIntoTheDatabaseFile_andKeepsEveryRow() throws Exception {
    SqliteDatabase db = SqliteDatabase.open(dir);
    for (int i = 0; i < 200; i++) {
      int n = i;
      db.transaction(
          "writing",
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO accounts (account_id, name, status, rate_limit_per_minute,"
                        + " balance, created_at) VALUES (?, 'a', 'active', 300, 1, 0)")) {
              s.setString(1, "acc_" + n);
              return s.executeUpdate();
            }
          });
    }
    Path wal = dir.resolve("gateway.db-wal");
    assertThat(Files.size(wal)).as("commits leave their pages in the log").isPositive();
    db.close();
    assertThat(Files.exists(wal) ? Files.size(wal) : 0L).isZero();

    SqliteDatabase reopened = SqliteDatabase.open(dir);
    try {
      int rows =
          reopened.transaction(
              "counting",
              c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM accounts");
                    ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(rows).isEqualTo(200);
    } finally {
      reopened.close();
    }
  }

  @Test
  void aNewStore_hasSmallPages_andOneCreatedWithTheDefaultKeepsItsOwn() throws Exception {
    SqliteDatabase db = SqliteDatabase.open(dir.resolve("new"));
    try {
      assertThat(pageSize(db)).isEqualTo(SqliteDatabase.NEW_PAGE_BYTES);
    } finally {
      db.close();
    }
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("gateway.db"));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE left_by_an_older_release (x INTEGER)");
    }
    SqliteDatabase reopened = SqliteDatabase.open(old);
    try {
      assertThat(pageSize(reopened)).isEqualTo(4096);
      int accounts =
          reopened.transaction(
              "counting",
              c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM accounts");
                    ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(accounts).isZero();
    } finally {
      reopened.close();
    }
  }

  private static long pageSize(SqliteDatabase db) {
    return db.transaction(
        "reading the page size",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA page_size")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
