package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Counts;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A typed view of one note of {@code data.data.notes} (or {@code data.data.note_list}), over its
 * raw JSON, which stays untouched and available through {@link #raw()}.
 */
public final class Note {
  private final JsonNode raw;
  private final String id;

  private Note(JsonNode raw, String id) {
    this.raw = raw;
    this.id = id;
  }

  /**
   * Views a note object of the App API.
   *
   * @param raw the note object; it must have a non-empty text {@code id}
   * @return the view
   * @throws IllegalArgumentException when {@code raw} is not an object with an {@code id}
   */
  public static Note of(JsonNode raw) {
    Objects.requireNonNull(raw, "raw");
    JsonNode id = raw.get("id");
    if (!raw.isObject() || id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw new IllegalArgumentException("a note must be an object with an \"id\" text");
    }
    return new Note(raw, id.asText());
  }

  /**
   * The note id: 24 hex characters on Xiaohongshu, the first 8 of them the creation time.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The note type: {@code normal} (images) or {@code video}.
   *
   * @return the type, or an empty string when the note has none
   */
  public String type() {
    return text(raw, "type");
  }

  /**
   * The title: {@code display_title}, or {@code title} when that is empty or absent.
   *
   * @return the title, possibly empty (many video notes have none)
   */
  public String title() {
    String display = text(raw, "display_title");
    return display.isEmpty() ? text(raw, "title") : display;
  }

  /**
   * The like count, from a number or from text such as {@code "9.7万"}, {@code "1.2w"}, {@code "3千"}
   * or {@code "1,234"}.
   *
   * @return the count, or empty when the note has none or it is unreadable
   */
  public OptionalLong likedCount() {
    return Counts.of(raw.get("liked_count"));
  }

  /**
   * Whether the author pinned the note ({@code sticky}); pinned notes come first on page 1.
   *
   * @return true when pinned
   */
  public boolean pinned() {
    return raw.path("sticky").asBoolean(false);
  }

  /**
   * The cover image: the first of {@code images_list[0].url_size_large}, {@code
   * images_list[0].url}, {@code cover.url}, {@code cover.url_default} and {@code
   * video_info_v2.image.thumbnail} that is present.
   *
   * @return the URL, or empty when the note has none of them
   */
  public Optional<String> coverUrl() {
    JsonNode image = raw.path("images_list").path(0);
    JsonNode cover = raw.path("cover");
    for (JsonNode candidate :
        new JsonNode[] {
          image.path("url_size_large"),
          image.path("url"),
          cover.path("url"),
          cover.path("url_default"),
          raw.path("video_info_v2").path("image").path("thumbnail")
        }) {
      if (candidate.isTextual() && !candidate.asText().isEmpty()) {
        return Optional.of(candidate.asText());
      }
    }
    return Optional.empty();
  }

  /**
   * When the note was posted, read from the first 8 hex digits of its id (unix seconds).
   *
   * @return the instant, or empty when the id does not start with 8 hex digits or they are all 0
   *     (an id that carries no time, not a note of 1970-01-01)
   */
  public Optional<Instant> createdAt() {
    if (id.length() < 8) {
      return Optional.empty();
    }
    String head = id.substring(0, 8);
    if (!head.chars().allMatch(HexFormat::isHexDigit)) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(head, 16);
    return seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
  }

  /**
   * The author's user id ({@code user.userid}).
   *
   * @return the id, or empty when the note does not say
   */
  public Optional<String> authorId() {
    return optionalText(raw.path("user"), "userid");
  }

  /**
   * The author's nickname ({@code user.nickname}).
   *
   * @return the nickname, or empty when the note does not say
   */
  public Optional<String> authorNickname() {
    return optionalText(raw.path("user"), "nickname");
  }

  /**
   * The note object exactly as the gateway sent it, unknown fields and field order kept. Do not
   * change it: the view reads from it.
   *
   * @return the JSON object
   */
  public JsonNode raw() {
    return raw;
  }

  @Override
  public String toString() {
    return "Note[" + id + " " + type() + " \"" + title() + "\"]";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    String value = text(node, field);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
