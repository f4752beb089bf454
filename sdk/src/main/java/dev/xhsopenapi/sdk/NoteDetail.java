package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Counts;
import dev.xhsopenapi.sdk.internal.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A typed view of one note's detail, over its raw JSON: the App note-feed entry ({@code
 * data.data[0].note_list[0]}, counts as numbers, {@code time} in seconds; SOURCES-FACTS A.5, C.5)
 * or the web {@code note_card}/{@code noteCard} ({@code data.data.items[0]}, counts as text such as
 * {@code "1.2万"} under {@code interact_info}/{@code interactInfo}, {@code time} in milliseconds;
 * §D.2). Both key styles are read; the raw object stays untouched.
 */
public final class NoteDetail {
  /** Times above this are milliseconds: as seconds they would lie past the year 5000. */
  private static final long MILLIS_FROM = 100_000_000_000L;

  private final JsonNode raw;
  private final String requestId;
  private final OptionalLong creditsCharged;
  private final OptionalLong creditsRemaining;

  NoteDetail(
      JsonNode raw, String requestId, OptionalLong creditsCharged, OptionalLong creditsRemaining) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.requestId = requestId;
    this.creditsCharged = creditsCharged;
    this.creditsRemaining = creditsRemaining;
  }

  /**
   * Views a detail object outside a call, such as one read back from a file.
   *
   * @param raw the note object ({@code note_list[0]} or {@code note_card})
   * @return the view, with no request id
   * @throws IllegalArgumentException when {@code raw} is not an object
   */
  public static NoteDetail of(JsonNode raw) {
    if (raw == null || !raw.isObject()) {
      throw new IllegalArgumentException("a note detail must be a JSON object");
    }
    return new NoteDetail(raw, null, OptionalLong.empty(), OptionalLong.empty());
  }

  /**
   * The note id ({@code note_id}, {@code noteId} or {@code id}).
   *
   * @return the id, or an empty string when the object has none
   */
  public String id() {
    return Fields.text(raw, "note_id", "noteId", "id");
  }

  /**
   * The note type: {@code normal} (images) or {@code video}.
   *
   * @return the type, or an empty string
   */
  public String type() {
    return Fields.text(raw, "type");
  }

  /**
   * The title ({@code title}, else {@code display_title}/{@code displayTitle}).
   *
   * @return the title, possibly empty
   */
  public String title() {
    return Fields.text(raw, "title", "display_title", "displayTitle");
  }

  /**
   * The note's text ({@code desc}), topics written inline as {@code #name[话题]#}.
   *
   * @return the text, possibly empty
   */
  public String desc() {
    return Fields.text(raw, "desc");
  }

  /**
   * When the note was posted ({@code time}: seconds in the App shape, milliseconds on the web; a
   * value above 10^11 is read as milliseconds).
   *
   * @return the instant, or empty when the object has no positive {@code time}
   */
  public Optional<Instant> time() {
    JsonNode t = raw.path("time");
    if (!t.canConvertToLong() || t.asLong() <= 0) {
      return Optional.empty();
    }
    long v = t.asLong();
    return Optional.of(v >= MILLIS_FROM ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v));
  }

  /**
   * Where the author posted from ({@code ip_location}/{@code ipLocation}), such as {@code 上海} or
   * {@code Guangdong}.
   *
   * @return the place, or empty
   */
  public Optional<String> ipLocation() {
    return Fields.optionalText(raw, "ip_location", "ipLocation");
  }

  /**
   * Likes ({@code liked_count}, or {@code interact_info.liked_count}/{@code
   * interactInfo.likedCount}); text such as {@code "1.2万"} is read as 12000.
   *
   * @return the count, or empty when absent or unreadable
   */
  public OptionalLong likedCount() {
    return count("liked_count", "likedCount");
  }

  /**
   * Saves ({@code collected_count}/{@code collectedCount}).
   *
   * @return the count, or empty when absent or unreadable
   */
  public OptionalLong collectedCount() {
    return count("collected_count", "collectedCount");
  }

  /**
   * Comments ({@code comments_count} in the App shape, {@code comment_count}/{@code commentCount}
   * on the web).
   *
   * @return the count, or empty when absent or unreadable
   */
  public OptionalLong commentCount() {
    return count("comments_count", "comment_count", "commentCount");
  }

  /**
   * Shares ({@code shared_count} in the App shape, {@code share_count}/{@code shareCount} on the
   * web).
   *
   * @return the count, or empty when absent or unreadable
   */
  public OptionalLong shareCount() {
    return count("shared_count", "share_count", "shareCount");
  }

  /**
   * The author's user id ({@code user.userid}, {@code user.user_id} or {@code user.userId}).
   *
   * @return the id, or empty
   */
  public Optional<String> authorId() {
    return Fields.optionalText(raw.path("user"), "userid", "user_id", "userId");
  }

  /**
   * The author's nickname ({@code user.nickname}, {@code nick_name}, {@code nickName} or {@code
   * name}).
   *
   * @return the nickname, or empty
   */
  public Optional<String> authorNickname() {
    return Fields.optionalText(raw.path("user"), "nickname", "nick_name", "nickName", "name");
  }

  /**
   * The topic names ({@code tag_list}/{@code tagList} on the web, {@code hash_tag} in the App
   * shape).
   *
   * @return the names in order, empty when none
   */
  public List<String> tags() {
    List<String> names = new ArrayList<>();
    for (JsonNode tag : Fields.first(raw, "tag_list", "tagList", "hash_tag")) {
      String name = Fields.text(tag, "name");
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * The gateway's id of the call that fetched this detail.
   *
   * @return the {@code request_id}, or empty for a view made with {@link #of(JsonNode)}
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The credits this call cost, from the {@code X-Credits-Charged} header.
   *
   * @return the credits, or empty when the server did not say (a gateway before billing headers, or
   *     a view made outside a call)
   */
  public OptionalLong creditsCharged() {
    return creditsCharged;
  }

  /**
   * The account's balance right after this call was charged, from the {@code X-Credits-Remaining}
   * header.
   *
   * @return the credits left, or empty when the server did not say
   */
  public OptionalLong creditsRemaining() {
    return creditsRemaining;
  }

  /**
   * The note object exactly as the gateway sent it; do not change it, the view reads from it.
   *
   * @return the JSON object
   */
  public JsonNode raw() {
    return raw;
  }

  @Override
  public String toString() {
    return "NoteDetail[" + id() + " " + type() + " \"" + title() + "\"]";
  }

  /** The first count present among the note's own names, then {@code interact_info}'s. */
  private OptionalLong count(String... names) {
    JsonNode direct = Fields.first(raw, names);
    if (!direct.isMissingNode()) {
      return Counts.of(direct);
    }
    return Counts.of(Fields.first(Fields.first(raw, "interact_info", "interactInfo"), names));
  }
}
