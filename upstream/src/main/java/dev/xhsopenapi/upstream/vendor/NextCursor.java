package dev.xhsopenapi.upstream.vendor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * The paging cursor a JustOneAPI notes page leaves out [C.5]: its {@code data} is {@code
 * {"has_more":…,"notes":[…],…}} and each note carries {@code cursor} (= its id), so the next page
 * starts after the last note's {@code cursor}, else its {@code id}. Read with Jackson's streaming
 * parser, without building a tree.
 */
final class NextCursor {
  private static final JsonFactory JSON = new JsonFactory();

  private NextCursor() {}

  /**
   * The cursor to add to a notes page's {@code data}.
   *
   * @param data one JSON object
   * @return the last note's {@code cursor} or {@code id} when {@code has_more} is {@code true} and
   *     {@code data} has no {@code cursor} of its own; else empty (nothing to add, or nothing to
   *     add it from)
   * @throws IOException when {@code data} is not valid JSON
   */
  static Optional<String> of(byte[] data) throws IOException {
    boolean hasMore = false;
    boolean hasCursor = false;
    String last = null;
    try (JsonParser p = JSON.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "has_more" -> hasMore = value == JsonToken.VALUE_TRUE;
          case "cursor" -> hasCursor = true;
          case "notes", "note_list" -> {
            if (value == JsonToken.START_ARRAY) {
              last = lastNoteCursor(p);
            }
          }
          default -> {}
        }
        p.skipChildren();
      }
    }
    return hasMore && !hasCursor ? Optional.ofNullable(last) : Optional.empty();
  }

  /** Reads the array at the parser up to its end; the last object's cursor or id, or null. */
  private static String lastNoteCursor(JsonParser p) throws IOException {
    String last = null;
    JsonToken item;
    while ((item = p.nextToken()) != JsonToken.END_ARRAY && item != null) {
      if (item != JsonToken.START_OBJECT) {
        p.skipChildren();
        last = null;
        continue;
      }
      String cursor = null;
      String id = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("cursor")) {
          cursor = p.getText();
        } else if (value == JsonToken.VALUE_STRING && field.equals("id")) {
          id = p.getText();
        }
        p.skipChildren();
      }
      last = cursor != null && !cursor.isEmpty() ? cursor : id;
    }
    return last;
  }
}
