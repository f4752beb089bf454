package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

class PostgresWatchStoreTest extends WatchStoreContract {
  private TestPostgres schema;

  @Override
  Database open() {
    schema = new TestPostgres();
    return PostgresDatabase.open(schema.url(), 8);
  }

  @AfterEach
  void dropSchema() {
    schema.close();
  }
}
