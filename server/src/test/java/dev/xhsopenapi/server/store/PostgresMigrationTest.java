package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestPostgres;
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
      List<Future<PostgresDatabase>> opened = new ArrayList<>();
      try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
        for (int i = 0; i < 4; i++) {
          opened.add(nodes.submit(() -> PostgresDatabase.open(schema.url(), 2)));
        }
        for (Future<PostgresDatabase> f : opened) {
          try (PostgresDatabase db = f.get()) {
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
      }
    }
  }
}
