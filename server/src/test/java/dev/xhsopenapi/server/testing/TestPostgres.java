package dev.xhsopenapi.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
