package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Counts;
import dev.xhsopenapi.sdk.internal.Fields;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A typed view of one note of a notes list, over its raw JSON, which stays untouched and available
 * through {@link #raw()}. It reads the App shape ({@code id}, {@code display_title}, {@code
 * liked_count}, {@code sticky}, {@code user.userid}; SOURCES-FACTS A.5, C.5) and both spellings of
 * the web shape: snake_case ({@code note_id}, {@code interact_info.liked_count}, {@code
 * xsec_token}) and camelCase ({@code noteId}, {@code interactInfo.likedCount}, {@code xsecToken})
 * (§D.1), also when the fields sit one level down in {@code note_card}/{@code noteCard} as in feed
 * items (§D.4).
 */
public final class Note {
  private final JsonNode raw;
  private final JsonNode card;
  private final String id;

  private Note(JsonNode raw, JsonNode card, String id) {
    this.raw = raw;
    this.card = card;
    this.id = id;
  }

  /**
   * Views a note object of the App or web API.
   *
   * @param raw the note object; it must have a non-empty text {@code id}, {@code note_id} or {@code
   *     noteId} (on itself or its {@code note_card})
   * @return the view
   * @throws IllegalArgumentException when {@code raw} is not an object with such an id
   */
  public static Note of(JsonNode raw) {
    Objects.requireNonNull(raw, "raw");
    if (!raw.isObject()) {
      throw new IllegalArgumentException("a note must be a JSON object");
    }
    JsonNode nested = Fields.first(raw, "note_card", "noteCard");
    JsonNode card = nested.isObject() ? nested : raw;
    String id = textId(raw);
    if (id.isEmpty()) {
      id = textId(card);
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "a note must be an object with an \"id\", \"note_id\" or \"noteId\" text");
    }
    return new Note(raw, card, id);
  }

  private static String textId(JsonNode node) {
    for (String name : new String[] {"id", "note_id", "noteId"}) {
      JsonNode value = node.get(name);
      if (value != null && value.isTextual() && !value.asText().isEmpty()) {
        return value.asText();
      }
    }
    return "";
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
    return Fields.text(card, "type");
  }

  /**
   * The title: {@code display_title} (or {@code displayTitle}), or {@code title} when that is empty
   * or absent.
   *
   * @return the title, possibly empty (many video notes have none)
   */
  public String title() {
    return Fields.text(card, "display_title", "displayTitle", "title");
  }

  /**
   * The like count, from a number or from text such as {@code "9.7万"}, {@code "1.2w"}, {@code "3千"}
   * or {@code "1,234"}: {@code liked_count} or {@code likes} (App), {@code
   * interact_info.liked_count} or {@code interactInfo.likedCount} (web, a text).
   *
   * @return the count, or empty when the note has none or it is unreadable
   */
  public OptionalLong likedCount() {
    JsonNode direct = Fields.first(card, "liked_count", "likes");
    if (!direct.isMissingNode()) {
      return Counts.of(direct);
    }
    return Counts.of(Fields.first(interactInfo(), "liked_count", "likedCount"));
  }

  /**
   * The like count as the note spells it, such as {@code "1.2万"} on the web or {@code "12000"}.
   *
   * @return the raw value as text, or empty when the note has none
   */
  public Optional<String> likedCountText() {
    Optional<String> direct = Fields.optionalText(card, "liked_count", "likes");
    return direct.isPresent()
        ? direct
        : Fields.optionalText(interactInfo(), "liked_count", "likedCount");
  }

  /**
   * Whether the author pinned the note ({@code sticky}, or {@code interact_info.sticky} on the
   * web); pinned notes come first on page 1.
   *
   * @return true when pinned
   */
  public boolean pinned() {
    return Fields.bool(card, "sticky")
        .or(() -> Fields.bool(interactInfo(), "sticky"))
        .orElse(false);
  }

  /**
   * The token the web note detail needs ({@code xsec_token} or {@code xsecToken}, on the note or
   * one level up of its {@code note_card}); web series only (SOURCES-FACTS §D.1).
   *
   * @return the token, or empty when the note has none (App notes)
   */
  public Optional<String> xsecToken() {
    return Fields.optionalText(raw, "xsec_token", "xsecToken")
        .or(() -> Fields.optionalText(card, "xsec_token", "xsecToken"));
  }

  /**
   * The cover image: the first of {@code images_list[0].url_size_large}, {@code
   * images_list[0].url}, {@code cover.url}, {@code cover.url_default} (or {@code urlDefault}),
   * {@code cover.url_pre} (or {@code urlPre}) and {@code video_info_v2.image.thumbnail} that is
   * present.
   *
   * @return the URL, or empty when the note has none of them
   */
  public Optional<String> coverUrl() {
    JsonNode image = card.path("images_list").path(0);
    JsonNode cover = card.path("cover");
    return Fields.optionalText(image, "url_size_large", "url")
        .or(
            () ->
                Fields.optionalText(cover, "url", "url_default", "urlDefault", "url_pre", "urlPre"))
        .or(() -> Fields.optionalText(card.path("video_info_v2").path("image"), "thumbnail"));
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
   * The author's user id ({@code user.userid}, {@code user.user_id} or {@code user.userId}).
   *
   * @return the id, or empty when the note does not say
   */
  public Optional<String> authorId() {
    return Fields.optionalText(card.path("user"), "userid", "user_id", "userId");
  }

  /**
   * The author's nickname ({@code user.nickname}, {@code user.nick_name} or {@code user.nickName}).
   *
   * @return the nickname, or empty when the note does not say
   */
  public Optional<String> authorNickname() {
    return Fields.optionalText(card.path("user"), "nickname", "nick_name", "nickName");
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

  private JsonNode interactInfo() {
    return Fields.first(card, "interact_info", "interactInfo");
  }
}
