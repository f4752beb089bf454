package dev.xhsopenapi.upstream;

import java.util.Objects;

/**
 * One page of the notes a Xiaohongshu user has posted: the user's id and the cursor of the previous
 * page ({@code ""} for the first page). Both are already validated by the caller.
 */
public record NotesQuery(String userId, String cursor) {

  /** Creates a query; a null cursor means the first page. */
  public NotesQuery {
    Objects.requireNonNull(userId, "userId");
    cursor = cursor == null ? "" : cursor;
  }

  /** Whether this asks for the first page (where pinned notes come first). */
  public boolean firstPage() {
    return cursor.isEmpty();
  }
}
