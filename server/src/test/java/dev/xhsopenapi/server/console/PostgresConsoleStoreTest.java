package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.store.PostgresDatabase;
import dev.xhsopenapi.server.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

/** The console store contract on PostgreSQL. */
class PostgresConsoleStoreTest extends ConsoleStoreContract {
  private TestPostgres schema;

  @Override
  Database open() {
    schema = new TestPostgres();
    return PostgresDatabase.open(schema.url(), 4);
  }

  @AfterEach
  void dropSchema() {
    schema.close();
  }
}
