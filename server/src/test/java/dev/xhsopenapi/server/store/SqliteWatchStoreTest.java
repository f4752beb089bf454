package dev.xhsopenapi.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteWatchStoreTest extends WatchStoreContract {
  @TempDir Path dir;

  @Override
  Database open() {
    return SqliteDatabase.open(dir);
  }
}
