package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.store.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The console store contract on SQLite. */
class SqliteConsoleStoreTest extends ConsoleStoreContract {
  @TempDir Path dir;

  @Override
  Database open() {
    return SqliteDatabase.open(dir);
  }
}
