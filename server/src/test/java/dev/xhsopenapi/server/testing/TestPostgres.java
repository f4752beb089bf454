package dev.xhsopenapi.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A schema of its own in the PostgreSQL that CI starts on 127.0.0.1:5432 (override with {@code
 * -Dxhs.test.pg=jdbc:postgresql://…}), dropped on close, so test classes never see each other's
 * rows.
 */
public final class TestPostgres implements AutoCloseable {
  /** The server the tests use. */
  public static final String SERVER =
      System.getProperty("xhs.test.pg", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "");

  /** Creates the schema. */
  public TestPostgres() {
    execute("CREATE SCHEMA " + schema);
  }

  /** A JDBC URL whose connections work in this schema. */
  public String url() {
    return SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * Every row {@code sql} returns with {@code params} bound in order, each row as its columns' text
   * (null for SQL NULL).
   *
   * @throws IllegalStateException when the query fails, naming it
   */
  public List<List<String>> rows(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(url());
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<List<String>> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>(columns);
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row of {@link #rows}, or null when there is none. */
  public String text(String sql, Object... params) {
    List<List<String>> rows = rows(sql, params);
    return rows.isEmpty() ? null : rows.getFirst().getFirst();
  }

  /** {@link #text} as a whole number; 0 when there is no row or the value is NULL. */
  public long number(String sql, Object... params) {
    String value = text(sql, params);
    return value == null ? 0 : Long.parseLong(value);
  }

  @Override
  public void close() {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is needed at "
              + SERVER
              + " (.ci/run starts it; locally: pg_ctlcluster 15 main start): "
              + e.getMessage(),
          e);
    }
  }
}
