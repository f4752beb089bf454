package dev.xhsopenapi.cli.notes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A list of user ids: one per line, {@code #} to the end of a line is a comment. */
final class UsersFile {
  private UsersFile() {}

  /**
   * The ids in the file, in order, each once.
   *
   * @throws IllegalArgumentException naming the line of an id that is not 24 lowercase hex, or when
   *     the file lists none
   */
  static List<String> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (i == 0 && id.startsWith("\uFEFF")) {
        id = id.substring(1).strip();
      }
      if (id.isEmpty()) {
        continue;
      }
      if (!id.matches("[0-9a-f]{24}")) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": '" + id + "' is not a user id (24 lowercase hex)");
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no user ids");
    }
    return new ArrayList<>(ids);
  }
}
