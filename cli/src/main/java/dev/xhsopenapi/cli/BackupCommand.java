package dev.xhsopenapi.cli;

import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.store.SqliteBackup;
import dev.xhsopenapi.server.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xhs-openapi backup --out FILE}: a consistent copy of the embedded SQLite store, taken
 * while the gateway runs ({@link SqliteBackup}). The data folder is found the way {@code serve}
 * finds it ({@code --data}, {@code XHS_OPENAPI_DATA}, {@code --config}, {@code ./data}); a store on
 * PostgreSQL ({@code --db}) is refused with a pointer to {@code pg_dump}.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Copies the embedded store (accounts, keys, credits, watches, request log) to one SQLite"
          + " file, consistent to one commit, while the gateway keeps serving.",
      "Restore: stop the gateway, put the copy in place of <data>/gateway.db, delete"
          + " gateway.db-wal and gateway.db-shm beside it, start the gateway.",
      "Example: backup --data ./data --out backups/gateway-$(date +%%F).db"
    },
    footer = {
      "%nExit status: 0 copied and checked; 1 the store could not be read or the copy failed"
          + " (nothing is left at --out); 2 usage error (no store under --data, --out exists,"
          + " a PostgreSQL store).%n"
    })
public final class BackupCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      description = "The copy to write; it must not exist (a backup never overwrites).")
  Path out;

  @Option(names = "--data", description = "Folder of the embedded store (default ./data).")
  Path data;

  @Option(names = "--db", description = "JDBC URL of the store, when not the embedded one.")
  String db;

  @Option(names = "--config", description = "YAML configuration file (as given to serve).")
  Path config;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> flags = new LinkedHashMap<>();
    if (data != null) {
      flags.put("data", data.toString());
    }
    if (db != null) {
      flags.put("db", db);
    }
    GatewayConfig settings;
    try {
      settings = ConfigLoader.load(flags, System.getenv(), config);
    } catch (IllegalArgumentException e) {
      err.println("xhs-openapi backup: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (settings.dbUrl() != null && !settings.dbUrl().isBlank()) {
      err.println(
          "xhs-openapi backup: the store is "
              + settings.dbUrl().replaceAll("//[^/@]*@", "//")
              + "; copy a PostgreSQL store with pg_dump (this command copies the embedded one)");
      return ExitCodes.USAGE;
    }
    SqliteBackup.Copy copy;
    try {
      copy = SqliteBackup.copy(settings.dataDir(), out);
    } catch (IllegalArgumentException e) {
      err.println("xhs-openapi backup: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException | StoreException e) {
      err.println("xhs-openapi backup: failed: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    spec.commandLine()
        .getOut()
        .printf(
            "backup: %s, %,d bytes, schema version %d, %d account(s) holding %,d credit(s)%n",
            copy.file(), copy.bytes(), copy.schemaVersion(), copy.accounts(), copy.balance());
    return ExitCodes.OK;
  }
}
