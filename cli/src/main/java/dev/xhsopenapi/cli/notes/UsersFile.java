package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.sdk.InvalidUserIdException;
import dev.xhsopenapi.sdk.UserIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of users: one per line, as a user id or a profile link ({@link UserIds#parse(String)});
 * {@code #} to the end of a line is a comment.
 */
final class UsersFile {
  private UsersFile() {}

  /**
   * The user ids in the file, in order, each once.
   *
   * @throws IllegalArgumentException naming the line of a user that cannot be read and why, or when
   *     the file lists none
   */
  static List<String> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String entry = hash >= 0 ? line.substring(0, hash) : line;
      try {
        ids.add(UserIds.parse(entry));
      } catch (InvalidUserIdException e) {
        // A line of nothing but (any kind of) whitespace, such as a byte-order mark, is skipped.
        if (e.kind() != InvalidUserIdException.Kind.EMPTY) {
          throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no user ids");
    }
    return new ArrayList<>(ids);
  }
}
