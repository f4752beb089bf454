package dev.xhsopenapi.server.api;

import dev.xhsopenapi.upstream.NotesQuery;
import io.helidon.common.parameters.Parameters;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of the public endpoint's query parameters, with messages that say what to fix. */
public final class Params {
  private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
  private static final int SHOWN = 64;

  private Params() {}

  /** Reads and checks {@code user_id} and {@code cursor}; unknown parameters are ignored. */
  public static NotesQuery notesQuery(Parameters query) {
    String userId = single(query, "user_id");
    String cursor = single(query, "cursor");
    return notesQuery(userId, cursor);
  }

  /**
   * Checks a user id and cursor as given (null when absent).
   *
   * @throws ApiError 400 {@code invalid_param} when either is malformed
   */
  public static NotesQuery notesQuery(String userId, String cursor) {
    if (userId == null || userId.isEmpty()) {
      throw ApiError.invalidParam(
          "user_id is required: the 24-hex-character id of a Xiaohongshu user, e.g."
              + " 5efdeba4000000000101e7e6");
    }
    if (!HEX24.matcher(userId).matches()) {
      throw ApiError.invalidParam(
          "user_id must be a Xiaohongshu user id (24 lowercase hex characters), got "
              + shown(userId));
    }
    if (cursor != null && !cursor.isEmpty() && !HEX24.matcher(cursor).matches()) {
      throw ApiError.invalidParam(
          "cursor must be empty for the first page, or the 'cursor' value of the previous page"
              + " (24 lowercase hex characters), got "
              + shown(cursor));
    }
    return new NotesQuery(userId, cursor);
  }

  /**
   * A query parameter given at most once.
   *
   * @return its value, or null when absent
   * @throws ApiError 400 {@code invalid_param} when it is given more than once or is not validly
   *     URL-encoded
   */
  public static String single(Parameters query, String name) {
    List<String> values;
    try {
      values = query.all(name, List::of);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(name + " is not validly URL-encoded");
    }
    if (values.size() > 1) {
      throw ApiError.invalidParam(name + " is given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** The value in quotes, cut to a readable length. */
  static String shown(String value) {
    String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
    return "'" + cut + "'";
  }
}
