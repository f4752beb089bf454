package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PostgresMigrationTest {

  @Test
  void nodesStartingTogether_migrateTheSchemaOnce() throws Exception {
    try (TestPostgres schema = new TestPostgres()) {
      for (PostgresDatabase db : openTogether(schema.url(), 4)) {
        try (db) {
          assertThat(MigrationsTest.history(db))
              .containsExactly("1 SQL V1__init.sql", "2 SQL V2__console.sql");
        }
      }
    }
  }

  @Test
  void nodesStartingTogether_onAStoreOfTheEarlierRunner_takeItOverOnce() throws Exception {
    try (TestPostgres schema = new TestPostgres()) {
      try (Connection c = DriverManager.getConnection(schema.url())) {
        LegacyMigrationLayout.apply(c, 2);
      }
      for (PostgresDatabase db : openTogether(schema.url(), 4)) {
        try (db) {
          assertThat(MigrationsTest.history(db))
              .containsExactly("2 BASELINE applied before Flyway (schema_history)");
        }
      }
    }
  }

  @Test
  void aStoreOfTheEarlierRunnerAtAnOlderVersion_getsOnlyTheNewerScripts() throws Exception {
    try (TestPostgres schema = new TestPostgres()) {
      try (Connection c = DriverManager.getConnection(schema.url())) {
        LegacyMigrationLayout.apply(c, 1);
      }
      try (PostgresDatabase db = PostgresDatabase.open(schema.url(), 2)) {
        assertThat(MigrationsTest.history(db))
            .containsExactly(
                "1 BASELINE applied before Flyway (schema_history)", "2 SQL V2__console.sql");
      }
    }
  }

  private static List<PostgresDatabase> openTogether(String url, int nodes) throws Exception {
    List<Future<PostgresDatabase>> opened = new ArrayList<>();
    List<PostgresDatabase> out = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
      for (int i = 0; i < nodes; i++) {
        opened.add(pool.submit(() -> PostgresDatabase.open(url, 2)));
      }
      for (Future<PostgresDatabase> f : opened) {
        out.add(f.get());
      }
    }
    return out;
  }
}
