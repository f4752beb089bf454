package dev.xhsopenapi.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Brings the schema up to date from the versioned scripts in {@code db/migration}, listed in order
 * in {@code index.txt}, each recorded under the version its name carries. Each script runs once
 * (the scripts not applied yet run together in one transaction, see {@link #apply}), and its
 * checksum is recorded in {@code schema_history} so that an edited script is refused instead of
 * silently diverging.
 *
 * <p>Written here rather than with Flyway, for start-up time. Flyway's core does support SQLite
 * (and {@code flyway-database-postgresql} PostgreSQL), and Flyway 13.12.1 was tried in its place:
 * same scripts, its classpath scan replaced by this index, class-data sharing on. Opening the store
 * (driver already loaded) took, median of 7 on a 2-core machine, 41 ms on an existing SQLite file
 * and 83 ms on a new one with this class, 397 ms and 840 ms with Flyway; on PostgreSQL (median of
 * 5, pool start included) 335 and 383 ms against 731 and 1,300 ms. Flyway loads over 400 classes
 * and its plugins at every start, far over the 150 ms a migration step may add to the gateway's
 * start; what we need (ordered scripts shared by both engines, checksums, one transaction behind
 * the migration lock) fits in this one class. bench/RESULTS.md has the measurement (2026-11-30).
 */
final class Migrations {
  private static final String ROOT = "/db/migration/";

  private Migrations() {}

  /**
   * Applies the scripts not applied yet, all in one transaction (SQLite and PostgreSQL both have
   * transactional DDL) behind the store's migration lock, so that nodes starting together migrate
   * once and none sees a half-made schema.
   */
  static void apply(Database db) {
    List<String> scripts = index();
    db.transaction(
        "migrating the schema",
        c -> {
          db.lockForMigration(c);
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS schema_history (version INTEGER PRIMARY KEY,"
                    + " script TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
          }
          for (String script : scripts) {
            String sql = read(script);
            applyOne(c, version(script), script, sql, sha256(sql));
          }
          return null;
        });
  }

  private static Void applyOne(
      Connection c, int version, String script, String sql, String checksum) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT checksum FROM schema_history WHERE version = ?")) {
      q.setInt(1, version);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          if (!rs.getString(1).equals(checksum)) {
            throw new SQLException(
                "migration "
                    + script
                    + " was changed after it was applied; restore it and add a new script");
          }
          return null;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String statement : statements(sql)) {
        s.execute(statement);
      }
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO schema_history (version, script, checksum, applied_at) VALUES (?,?,?,?)")) {
      ins.setInt(1, version);
      ins.setString(2, script);
      ins.setString(3, checksum);
      ins.setLong(4, System.currentTimeMillis());
      ins.executeUpdate();
    }
    return null;
  }

  /**
   * The version a script's name gives ({@code V7__keys_billing.sql} is 7), so that scripts written
   * on separate branches keep their numbers whatever order they are merged in.
   */
  static int version(String script) {
    int end = script.indexOf("__");
    if (!script.startsWith("V") || end < 2) {
      throw new IllegalStateException(
          "migration " + script + " must be named V<version>__<description>.sql");
    }
    return Integer.parseInt(script.substring(1, end));
  }

  /** Splits a script on semicolons at line ends, dropping comment-only lines. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
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
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static List<String> index() {
    return read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String read(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
