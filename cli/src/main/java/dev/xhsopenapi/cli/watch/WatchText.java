package dev.xhsopenapi.cli.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.cli.Table;
import dev.xhsopenapi.sdk.Watch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How the {@code watch} commands print watches for people, and as JSON. */
final class WatchText {
  /** The fields of one watch, in the order of the wire contract. */
  static final List<String> FIELDS =
      List.of(
          "watch_id",
          "user_id",
          "url",
          "status",
          "interval_s",
          "max_pages_per_poll",
          "emit_existing",
          "created_at",
          "last_poll_at",
          "next_poll_at",
          "last_error",
          "notes_seen",
          "failures_in_a_row");

  /** The columns of {@code watch list}. */
  static final List<String> COLUMNS =
      List.of("id", "user", "status", "interval", "last poll", "notes seen", "url");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WatchText() {}

  /** One watch as {@code name value} lines. */
  static String fields(JsonNode watch) {
    return Table.fields(watch, FIELDS);
  }

  /** The watches as a table with a header row. */
  static String table(List<Watch> watches) {
    Table table = new Table(COLUMNS);
    for (Watch w : watches) {
      List<String> row = new ArrayList<>();
      row.add(w.id());
      row.add(w.userId());
      row.add(w.statusText());
      row.add(interval(w.interval()));
      row.add(instant(w.lastPollAt()));
      row.add(Long.toString(w.notesSeen()));
      row.add(w.url().orElse("-"));
      table.row(row);
    }
    return table.toString();
  }

  /**
   * An interval in the largest units that state it exactly: {@code 1h}, {@code 1h30m}, {@code 90s}.
   */
  static String interval(Duration d) {
    long s = d.toSeconds();
    if (s <= 0) {
      return s + "s";
    }
    StringBuilder out = new StringBuilder();
    long days = s / 86_400;
    long hours = s % 86_400 / 3_600;
    long minutes = s % 3_600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    return out.toString();
  }

  /** A time as ISO-8601, or {@code -}. */
  static String instant(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse("-");
  }

  /** JSON on one line. */
  static String json(JsonNode node) throws JsonProcessingException {
    return MAPPER.writeValueAsString(node);
  }
}
