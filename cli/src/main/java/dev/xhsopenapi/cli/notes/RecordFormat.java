package dev.xhsopenapi.cli.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.sdk.Note;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** How notes are written: the bytes before the first record, of each record, and after the last. */
enum RecordFormat {
  /** One raw note JSON object per line. */
  JSONL,
  /** RFC 4180 CSV, UTF-8 with a byte-order mark, one row per note under a header. */
  CSV,
  /** One JSON array of raw notes, one per line. */
  JSON;

  /** The CSV header. */
  static final List<String> CSV_HEADER =
      List.of(
          "note_id",
          "type",
          "title",
          "liked_count",
          "sticky",
          "cover_url",
          "created_at",
          "user_id",
          "nickname");

  /** Writes trees as they were read: the SDK's trees keep field order and exact decimals. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The format named {@code jsonl}, {@code csv} or {@code json}. */
  static RecordFormat named(String name) {
    for (RecordFormat f : values()) {
      if (f.wire().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("format must be jsonl, csv or json, got '" + name + "'");
  }

  /** The name on the command line and in the checkpoint. */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the output starts with. */
  byte[] head() {
    return switch (this) {
      case JSONL -> new byte[0];
      case CSV -> concat(BOM, utf8(Csv.record(CSV_HEADER)));
      case JSON -> utf8("[");
    };
  }

  /**
   * One note's record.
   *
   * @param userId the user walked, written in CSV always and added to JSON when {@code tagUser}
   * @param first whether no record precedes it in the output (JSON needs no comma then)
   */
  byte[] record(Note note, String userId, boolean tagUser, boolean first) {
    return switch (this) {
      case JSONL -> utf8(json(note, userId, tagUser) + "\n");
      case JSON -> utf8((first ? "\n" : ",\n") + json(note, userId, tagUser));
      case CSV ->
          utf8(
              Csv.record(
                  List.of(
                      note.id(),
                      note.type(),
                      note.title(),
                      note.likedCount().isPresent()
                          ? Long.toString(note.likedCount().getAsLong())
                          : "",
                      Boolean.toString(note.pinned()),
                      note.coverUrl().orElse(""),
                      note.createdAt().map(Object::toString).orElse(""),
                      userId,
                      note.authorNickname().orElse(""))));
    };
  }

  /** What the output ends with once every record is written. */
  byte[] tail() {
    return this == JSON ? utf8("\n]\n") : new byte[0];
  }

  private static String json(Note note, String userId, boolean tagUser) {
    JsonNode raw = note.raw();
    if (tagUser && raw instanceof ObjectNode object) {
      raw = object.deepCopy().put("user_id", userId);
    }
    try {
      return MAPPER.writeValueAsString(raw);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
