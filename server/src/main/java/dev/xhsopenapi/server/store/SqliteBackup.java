package dev.xhsopenapi.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the embedded store ({@code gateway.db} under the data folder), taken while
 * the gateway runs. The copy is SQLite's {@code VACUUM INTO} on a read-only connection of its own:
 * one read transaction, so the copy is the store as one commit left it (every charge with its
 * balance, every event with its delivery), and in WAL mode it does not hold the gateway's writer
 * back. SQLite neither syncs nor checks what {@code VACUUM INTO} writes, so the copy goes to {@code
 * <out>.partial} first, is synced to disk, passes {@code PRAGMA quick_check}, and only then takes
 * its name: a file at {@code out} is always a whole, checked copy.
 *
 * <p>Restoring is putting the copy in place of {@code gateway.db} while no gateway has the store
 * open (and removing {@code gateway.db-wal} and {@code gateway.db-shm}); the gateway migrates an
 * older copy on start. PostgreSQL stores are copied with PostgreSQL's own tools ({@code pg_dump}).
 */
public final class SqliteBackup {
  private SqliteBackup() {}

  /**
   * What a copy holds, read back from the copy itself.
   *
   * @param file the copy
   * @param bytes its size, in bytes
   * @param schemaVersion the newest migration applied to it ({@code schema_history})
   * @param accounts how many accounts it holds
   * @param balance the credits of all its accounts together
   */
  public record Copy(Path file, long bytes, int schemaVersion, long accounts, long balance) {}

  /**
   * Copies the store under {@code dataDir} to {@code out}.
   *
   * @param dataDir the gateway's data folder ({@code --data}), holding {@code gateway.db}
   * @param out the copy to write; must not exist yet, its folder must
   * @return what the copy holds
   * @throws IllegalArgumentException when there is no store under {@code dataDir}, {@code out}
   *     exists already, or its folder does not
   * @throws StoreException when SQLite cannot read the store, or the copy fails its check
   * @throws IOException when the copy cannot be written, synced or renamed
   */
  public static Copy copy(Path dataDir, Path out) throws IOException {
    Path store = dataDir.resolve("gateway.db");
    if (!Files.isRegularFile(store)) {
      throw new IllegalArgumentException("no store at " + store + " (is --data right?)");
    }
    Path target = out.toAbsolutePath();
    if (Files.exists(target)) {
      throw new IllegalArgumentException(
          target + " exists already; a backup never overwrites a file");
    }
    Path folder = target.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("the folder of " + target + " does not exist");
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try {
      vacuumInto(store, partial);
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Copy checked = check(partial);
      move(partial, target);
      return new Copy(
          target,
          Files.size(target),
          checked.schemaVersion(),
          checked.accounts(),
          checked.balance());
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static void vacuumInto(Path store, Path partial) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    try (Connection c = config.createConnection("jdbc:sqlite:" + store);
        PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
      s.setString(1, partial.toString());
      s.execute();
    } catch (SQLException e) {
      throw new StoreException("copying " + store, e);
    }
  }

  /** Checks the copy's pages and reads what it holds; the copy is opened read-only. */
  private static Copy check(Path copy) throws IOException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = config.createConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
        rs.next();
        String verdict = rs.getString(1);
        if (!"ok".equals(verdict)) {
          throw new StoreException(
              "the copy failed SQLite's check: " + verdict, new SQLException(verdict));
        }
      }
      int version;
      try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_history")) {
        rs.next();
        version = rs.getInt(1);
      }
      try (ResultSet rs =
          s.executeQuery("SELECT COUNT(*), COALESCE(SUM(balance), 0) FROM accounts")) {
        rs.next();
        return new Copy(copy, Files.size(copy), version, rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new StoreException("checking the copy " + copy, e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
