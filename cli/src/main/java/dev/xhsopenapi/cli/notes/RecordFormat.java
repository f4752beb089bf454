package dev.xhsopenapi.cli.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.sdk.Note;
import dev.xhsopenapi.sdk.NoteDetail;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

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

  /** The CSV columns {@code --details} adds after {@link #CSV_HEADER}. */
  static final List<String> CSV_DETAIL_HEADER =
      List.of("desc", "collected_count", "comment_count", "share_count", "ip_location");

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

  /**
   * What the output starts with.
   *
   * @param details whether the records carry each note's detail (CSV: more columns)
   */
  byte[] head(boolean details) {
    return switch (this) {
      case JSONL -> new byte[0];
      case CSV -> concat(BOM, utf8(Csv.record(details ? detailHeader() : CSV_HEADER)));
      case JSON -> utf8("[");
    };
  }

  /**
   * One note's record.
   *
   * @param userId the user walked, written in CSV always and added to JSON when {@code tagUser}
   * @param first whether no record precedes it in the output (JSON needs no comma then)
   * @param details whether the record carries the note's detail: JSON gets a {@code detail} field
   *     (the detail object as received, or null when there was none), CSV the {@link
   *     #CSV_DETAIL_HEADER} columns (empty when there was none)
   * @param detail the note's detail, or null
   */
  byte[] record(
      Note note,
      String userId,
      boolean tagUser,
      boolean first,
      boolean details,
      NoteDetail detail) {
    return switch (this) {
      case JSONL -> utf8(json(note, userId, tagUser, details, detail) + "\n");
      case JSON -> utf8((first ? "\n" : ",\n") + json(note, userId, tagUser, details, detail));
      case CSV -> utf8(Csv.record(csv(note, userId, details, detail)));
    };
  }

  private static List<String> detailHeader() {
    List<String> header = new ArrayList<>(CSV_HEADER);
    header.addAll(CSV_DETAIL_HEADER);
    return header;
  }

  private static List<String> csv(Note note, String userId, boolean details, NoteDetail detail) {
    List<String> row =
        new ArrayList<>(
            List.of(
                note.id(),
                note.type(),
                note.title(),
                count(note.likedCount()),
                Boolean.toString(note.pinned()),
                note.coverUrl().orElse(""),
                note.createdAt().map(Object::toString).orElse(""),
                userId,
                note.authorNickname().orElse("")));
    if (details) {
      row.add(detail == null ? "" : detail.desc());
      row.add(detail == null ? "" : count(detail.collectedCount()));
      row.add(detail == null ? "" : count(detail.commentCount()));
      row.add(detail == null ? "" : count(detail.shareCount()));
      row.add(detail == null ? "" : detail.ipLocation().orElse(""));
    }
    return row;
  }

  private static String count(OptionalLong count) {
    return count.isPresent() ? Long.toString(count.getAsLong()) : "";
  }

  /** What the output ends with once every record is written. */
  byte[] tail() {
    return this == JSON ? utf8("\n]\n") : new byte[0];
  }

  private static String json(
      Note note, String userId, boolean tagUser, boolean details, NoteDetail detail) {
    JsonNode raw = note.raw();
    if ((tagUser || details) && raw instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      if (tagUser) {
        copy.put("user_id", userId);
      }
      if (details) {
        copy.set("detail", detail == null ? NullNode.getInstance() : detail.raw());
      }
      raw = copy;
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
