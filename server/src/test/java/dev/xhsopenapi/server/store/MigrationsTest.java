package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dir;

  @Test
  void open_twice_appliesEachScriptOnce() {
    SqliteDatabase.open(dir).close();
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      int applied =
          db.transaction(
              "count",
              c -> {
                try (var rs =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_history")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(applied).isEqualTo(10);
    }
  }

  @Test
  void open_whenAnAppliedScriptChanged_refusesToStart() {
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      db.transaction(
          "tamper",
          c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate("UPDATE schema_history SET checksum = 'x' WHERE version = 1");
            }
            return null;
          });
    }
    assertThatThrownBy(() -> SqliteDatabase.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("was changed after it was applied");
  }

  @Test
  void statements_splitsOnTrailingSemicolonsAndSkipsComments() {
    assertThat(Migrations.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
  }
}
