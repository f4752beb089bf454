package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dir;

  @Test
  void open_twice_appliesEachScriptOnce() {
    SqliteDatabase.open(dir).close();
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      assertThat(history(db)).containsExactly("1 SQL V1__init.sql", "2 SQL V2__console.sql");
    }
  }

  @Test
  void open_whenAnAppliedScriptChanged_refusesToStart() {
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      db.transaction(
          "tamper",
          c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate("UPDATE flyway_schema_history SET checksum = 7 WHERE version = '1'");
            }
            return null;
          });
    }
    assertThatThrownBy(() -> SqliteDatabase.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("was changed after it was applied")
        .hasMessageContaining("version 1");
  }

  @Test
  void open_aStoreOfTheEarlierRunner_takesItOverAtItsVersionAndKeepsItsRows() throws Exception {
    try (Connection c = legacy()) {
      LegacyMigrationLayout.apply(c, 2);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO accounts VALUES ('acc_1', 'Old', 'active', 60, 500, 1)");
      }
    }
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      assertThat(history(db)).containsExactly("2 BASELINE applied before Flyway (schema_history)");
      assertThat(balance(db)).isEqualTo(500);
    }
    // And it stays taken over: the next start finds Flyway's history and changes nothing.
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      assertThat(history(db)).containsExactly("2 BASELINE applied before Flyway (schema_history)");
    }
  }

  @Test
  void open_aStoreOfTheEarlierRunnerAtAnOlderVersion_appliesOnlyTheNewerScripts() throws Exception {
    try (Connection c = legacy()) {
      LegacyMigrationLayout.apply(c, 1);
    }
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      assertThat(history(db))
          .containsExactly(
              "1 BASELINE applied before Flyway (schema_history)", "2 SQL V2__console.sql");
      int users =
          db.transaction(
              "count",
              c -> {
                try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM console_users")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(users).isZero();
    }
  }

  @Test
  void open_aStoreOfTheEarlierRunnerWithAChangedScript_refusesToStart() throws Exception {
    try (Connection c = legacy()) {
      LegacyMigrationLayout.apply(c, 2);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE schema_history SET checksum = 'x' WHERE version = 2");
      }
    }
    assertThatThrownBy(() -> SqliteDatabase.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("migration V2__console.sql was changed after it was applied");
  }

  @Test
  void open_aStoreOfTheEarlierRunnerWithAScriptWeDoNotHave_refusesToStart() throws Exception {
    try (Connection c = legacy()) {
      LegacyMigrationLayout.apply(c, 2);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO schema_history VALUES (3, 'V3__later.sql', 'x', 1)");
      }
    }
    assertThatThrownBy(() -> SqliteDatabase.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(
            "records migration 3 (V3__later.sql) that this version does not have");
  }

  @Test
  void open_aFileThatIsNotADatabase_failsWithAStoreException() throws Exception {
    Files.writeString(dir.resolve("gateway.db"), "not a database, just some text ".repeat(40));
    assertThatThrownBy(() -> SqliteDatabase.open(dir)).isInstanceOf(StoreException.class);
  }

  private Connection legacy() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway.db"));
  }

  /** Flyway's history as "version type description" (or "version type script" for scripts). */
  static List<String> history(Database db) {
    return db.transaction(
        "history",
        c -> {
          List<String> rows = new ArrayList<>();
          try (ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT version, type, description, script, success"
                          + " FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
              assertThat(rs.getBoolean(5)).isTrue();
              String type = rs.getString(2);
              rows.add(
                  rs.getString(1)
                      + " "
                      + type
                      + " "
                      + (type.equals("SQL") ? rs.getString(4) : rs.getString(3)));
            }
          }
          return rows;
        });
  }

  private static long balance(Database db) {
    return db.transaction(
        "balance",
        c -> {
          try (ResultSet rs =
              c.createStatement()
                  .executeQuery("SELECT balance FROM accounts WHERE account_id = 'acc_1'")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
