package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

/** The ledger contract with group commit and set-wise charges, on PostgreSQL. */
class PostgresBatchingCreditLedgerTest extends CreditLedgerContract {
  private TestPostgres schema;

  @Override
  Database open() {
    schema = new TestPostgres();
    return PostgresDatabase.open(schema.url(), 8);
  }

  @Override
  CreditLedger ledger(Database db) {
    return new BatchingCreditLedger(db, clock);
  }

  @AfterEach
  void dropSchema() {
    schema.close();
  }
}
