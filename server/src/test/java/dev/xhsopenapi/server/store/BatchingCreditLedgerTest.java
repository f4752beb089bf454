package dev.xhsopenapi.server.store;

import dev.xhsopenapi.server.billing.CreditLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract with group commit, on SQLite (the cluster tests run it on PostgreSQL). */
class BatchingCreditLedgerTest extends CreditLedgerContract {
  @TempDir Path dir;

  @Override
  Database open() {
    return SqliteDatabase.open(dir);
  }

  @Override
  CreditLedger ledger(Database db) {
    return new BatchingCreditLedger(db, clock);
  }
}
