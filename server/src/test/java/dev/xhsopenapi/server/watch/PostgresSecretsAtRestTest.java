package dev.xhsopenapi.server.watch;

import dev.xhsopenapi.server.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Map;

class PostgresSecretsAtRestTest extends SecretsAtRestContract {
  private final TestPostgres schema = new TestPostgres();

  @Override
  Map<String, String> storeSettings(Path dataDir) {
    return Map.of("db", schema.url());
  }

  @Override
  String column(Path dataDir, String sql, String id) {
    return schema.text(sql, id);
  }

  @Override
  void closeStore() {
    schema.close();
  }
}
