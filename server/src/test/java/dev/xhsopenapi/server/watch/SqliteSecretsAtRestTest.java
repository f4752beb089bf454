package dev.xhsopenapi.server.watch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

class SqliteSecretsAtRestTest extends SecretsAtRestContract {
  @Override
  Map<String, String> storeSettings(Path dataDir) {
    return Map.of();
  }

  @Override
  String column(Path dataDir, String sql, String id) {
    String url = "jdbc:sqlite:" + dataDir.resolve("node").resolve("gateway.db");
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
