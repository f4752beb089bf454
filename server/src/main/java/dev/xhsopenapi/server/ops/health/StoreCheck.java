package dev.xhsopenapi.server.ops.health;

import dev.xhsopenapi.server.store.Database;
import java.sql.Statement;
import java.util.Map;

/** The store answers a trivial query in a transaction of its own. */
final class StoreCheck implements Check {
  private final Database db;

  StoreCheck(Database db) {
    this.db = db;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public Result run() {
    db.transaction(
        "checking the store for readiness",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
          }
          return null;
        });
    return new Result(true, Map.of("engine", db.engine()));
  }
}
