package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

class PostgresStoreTest extends StoreContract {
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
