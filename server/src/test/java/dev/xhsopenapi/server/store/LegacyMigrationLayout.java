package dev.xhsopenapi.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Makes a store the way the runner before Flyway left it: the first {@code n} scripts of {@code
 * index.txt} applied statement by statement, and each recorded in its table {@code schema_history
 * (version INTEGER PRIMARY KEY, script TEXT, checksum TEXT = SHA-256 hex of the script, applied_at
 * BIGINT)}, with the same DDL that runner used.
 */
final class LegacyMigrationLayout {
  private LegacyMigrationLayout() {}

  /** Applies the first {@code n} scripts on {@code c} (auto-commit) and records them. */
  static void apply(Connection c, int n) throws SQLException {
    List<String> scripts = read("index.txt").lines().map(String::strip).toList();
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_history (version INTEGER PRIMARY KEY,"
              + " script TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      for (int i = 0; i < n; i++) {
        String sql = read(scripts.get(i));
        for (String statement : statements(sql)) {
          s.execute(statement);
        }
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO schema_history (version, script, checksum, applied_at)"
                    + " VALUES (?,?,?,?)")) {
          ins.setInt(1, i + 1);
          ins.setString(2, scripts.get(i));
          ins.setString(3, Migrations.sha256(sql));
          ins.setLong(4, System.currentTimeMillis());
          ins.executeUpdate();
        }
      }
    }
  }

  /** The old runner's splitting: on semicolons at line ends, without comment-only lines. */
  private static List<String> statements(String sql) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    return out;
  }

  private static String read(String name) {
    try (InputStream in =
        LegacyMigrationLayout.class.getResourceAsStream("/db/migration/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
