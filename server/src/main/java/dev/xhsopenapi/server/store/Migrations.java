package dev.xhsopenapi.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway (whose core supports SQLite, and whose {@code
 * flyway-database-postgresql} module PostgreSQL) from the versioned scripts in {@code
 * db/migration}, listed in order in {@code index.txt}. Flyway records each applied script and its
 * checksum in {@code flyway_schema_history} and refuses to start over a script that was changed
 * after it was applied.
 *
 * <p>Stores made before Flyway recorded their scripts in a table of their own, {@code
 * schema_history (version, script, checksum, applied_at)}. Such a store is taken over once: its
 * recorded scripts are checked against ours (SHA-256, as that runner did), and Flyway's history
 * starts with a baseline at the highest version recorded there, so nothing runs twice. The old
 * table is left in place.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final String ROOT = "db/migration/";
  private static final String HISTORY = "flyway_schema_history";
  private static final String LEGACY_HISTORY = "schema_history";

  private Migrations() {}

  /**
   * Applies the scripts that the store at {@code jdbcUrl} has not applied yet, all in one
   * transaction (SQLite and PostgreSQL both have transactional DDL), on connections of its own that
   * it closes before returning. Nodes sharing a PostgreSQL store must call this while holding the
   * store's migration lock ({@link Database#lockForMigration}), so that only one of them decides
   * whether to take over a store of the earlier runner and migrates.
   *
   * @param jdbcUrl the store's JDBC URL, credentials included; PostgreSQL's {@code currentSchema}
   *     chooses the schema
   * @throws StoreException when the store cannot be reached, a script fails, or an applied script
   *     was changed since
   */
  static void apply(String jdbcUrl) {
    long started = System.nanoTime();
    Map<String, String> scripts = scripts();
    Integer baseline = legacyVersion(jdbcUrl, scripts);
    MigrateResult result;
    try {
      var config =
          Flyway.configure(Migrations.class.getClassLoader())
              .dataSource(jdbcUrl, null, null)
              .loggers(QuietLog.class.getName())
              .resourceProvider(new Scripts(scripts))
              .javaMigrationClassProvider(List::of)
              .group(true)
              .validateMigrationNaming(true);
      if (baseline != null) {
        config =
            config
                .baselineOnMigrate(true)
                .baselineVersion(baseline.toString())
                .baselineDescription("applied before Flyway (" + LEGACY_HISTORY + ")");
      }
      result = config.load().migrate();
    } catch (FlywayValidateException e) {
      throw new StoreException(
          "migrating the schema",
          new IllegalStateException(
              "a migration script was changed after it was applied; restore it and add a new"
                  + " script ("
                  + firstLine(e.getMessage())
                  + ")",
              e));
    } catch (FlywayException e) {
      throw new StoreException("migrating the schema", e);
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (baseline != null || result.migrationsExecuted > 0) {
      log.info(
          "schema at version {}: {} script(s) applied{} in {} ms",
          result.targetSchemaVersion != null ? result.targetSchemaVersion : baseline,
          result.migrationsExecuted,
          baseline != null ? " after taking over the history of version " + baseline : "",
          ms);
    } else {
      log.debug("schema up to date at version {} ({} ms)", result.initialSchemaVersion, ms);
    }
  }

  /**
   * The highest version the earlier runner recorded, when the store has its table and no Flyway
   * history yet; null otherwise.
   *
   * @throws StoreException when a recorded script differs from ours or is unknown
   */
  private static Integer legacyVersion(String jdbcUrl, Map<String, String> scripts) {
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      if (!hasTable(c, LEGACY_HISTORY) || hasTable(c, HISTORY)) {
        return null;
      }
      List<String> names = List.copyOf(scripts.keySet());
      int highest = 0;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT version, script, checksum FROM "
                      + LEGACY_HISTORY
                      + " ORDER BY version")) {
        while (rs.next()) {
          int version = rs.getInt(1);
          String script = rs.getString(2);
          if (version < 1 || version > names.size() || !names.get(version - 1).equals(script)) {
            throw new SQLException(
                "the store records migration "
                    + version
                    + " ("
                    + script
                    + ") that this version does not have; run the version that made it");
          }
          if (!sha256(scripts.get(script)).equals(rs.getString(3))) {
            throw new SQLException(
                "migration "
                    + script
                    + " was changed after it was applied; restore it and add a new script");
          }
          highest = Math.max(highest, version);
        }
      }
      return highest == 0 ? null : highest;
    } catch (SQLException e) {
      throw new StoreException("migrating the schema", e);
    }
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    try (ResultSet rs =
        c.getMetaData().getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
      while (rs.next()) {
        if (name.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The scripts by file name, in the order of {@code index.txt}. */
  private static Map<String, String> scripts() {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (String line : read("index.txt").split("\n", -1)) {
      String name = line.strip();
      if (!name.isEmpty()) {
        scripts.put(name, read(name));
      }
    }
    return scripts;
  }

  private static String read(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream("/" + ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource /" + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String message) {
    return Arrays.stream(String.valueOf(message).split("\n"))
        .map(String::strip)
        .filter(l -> l.contains("mismatch") || l.contains("Detected"))
        .findFirst()
        .orElse(String.valueOf(message).lines().findFirst().orElse(""));
  }

  /**
   * Hands Flyway the scripts of {@code index.txt} instead of letting it scan the classpath, which
   * in the single jar means reading the names of every class of the gateway at each start.
   */
  private static final class Scripts implements ResourceProvider {
    private final Map<String, String> scripts;

    Scripts(Map<String, String> scripts) {
      this.scripts = scripts;
    }

    @Override
    public LoadableResource getResource(String name) {
      String file = name.startsWith(ROOT) ? name.substring(ROOT.length()) : name;
      String sql = scripts.get(file);
      return sql == null ? null : new Script(file, sql);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return scripts.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .filter(e -> Arrays.stream(suffixes).anyMatch(e.getKey()::endsWith))
          .<LoadableResource>map(e -> new Script(e.getKey(), e.getValue()))
          .toList();
    }
  }

  /** One script, read already. */
  private static final class Script extends LoadableResource {
    private final String file;
    private final String sql;

    Script(String file, String sql) {
      this.file = file;
      this.sql = sql;
    }

    @Override
    public Reader read() {
      return new StringReader(sql);
    }

    @Override
    public String getAbsolutePath() {
      return ROOT + file;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return ROOT + file;
    }

    @Override
    public String getFilename() {
      return file;
    }

    @Override
    public String getRelativePath() {
      return file;
    }
  }

  /**
   * Flyway's log, one level down: what it says at INFO on every start (its edition, the database,
   * "schema is up to date") goes to DEBUG, so that a start logs at most the one line of {@link
   * #apply}. Warnings and errors stay. Flyway creates it by name, so it is public with a public
   * constructor.
   */
  public static final class QuietLog implements LogCreator {
    /** Made by Flyway through reflection. */
    public QuietLog() {}

    @Override
    public Log createLogger(Class<?> clazz) {
      Logger target = LoggerFactory.getLogger(clazz);
      return new Log() {
        @Override
        public void debug(String message) {
          target.debug(message);
        }

        @Override
        public void info(String message) {
          target.debug(message);
        }

        @Override
        public void warn(String message) {
          target.warn(message);
        }

        @Override
        public void error(String message) {
          target.error(message);
        }

        @Override
        public void error(String message, Exception e) {
          target.error(message, e);
        }

        @Override
        public void notice(String message) {
          target.debug(message);
        }
      };
    }
  }
}
