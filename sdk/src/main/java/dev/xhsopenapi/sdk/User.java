package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Counts;
import dev.xhsopenapi.sdk.internal.Fields;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A typed view of one user of a search result ({@code data.data.users[]}), over its raw JSON. It
 * reads the web search shape ({@code id}, {@code name}, {@code red_id}, {@code fans} as text such
 * as {@code "3.9万"}, {@code note_count}, {@code xsec_token}; SOURCES-FACTS §D.3) and the SpiderHubs
 * field list ({@code user_id}, {@code nickname}, {@code image}; B.3), in either key style.
 */
public final class User {
  private final JsonNode raw;
  private final String id;

  private User(JsonNode raw, String id) {
    this.raw = raw;
    this.id = id;
  }

  /**
   * Views a user object.
   *
   * @param raw the object; it must have a non-empty {@code id}, {@code user_id}, {@code userid} or
   *     {@code userId}
   * @return the view
   * @throws IllegalArgumentException when it has none
   */
  public static User of(JsonNode raw) {
    Objects.requireNonNull(raw, "raw");
    String id = Fields.text(raw, "id", "user_id", "userid", "userId");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a user must be an object with an \"id\" or \"user_id\"");
    }
    return new User(raw, id);
  }

  /**
   * The Xiaohongshu user id, what {@link XhsOpenApiClient#notes(String)} takes.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The display name ({@code name}, {@code nickname}, {@code nick_name} or {@code nickName}).
   *
   * @return the name, possibly empty
   */
  public String name() {
    return Fields.text(raw, "name", "nickname", "nick_name", "nickName");
  }

  /**
   * The red id (小红书号) people search by ({@code red_id}/{@code redId}).
   *
   * @return the red id, or empty
   */
  public Optional<String> redId() {
    return Fields.optionalText(raw, "red_id", "redId");
  }

  /**
   * Followers, from a number or text such as {@code "3.9万"} ({@code fans}).
   *
   * @return the count, or empty when absent or unreadable
   */
  public OptionalLong fans() {
    return Counts.of(Fields.first(raw, "fans", "fans_count", "fansCount"));
  }

  /**
   * Followers as the source spells them, such as {@code "3.9万"}.
   *
   * @return the text, or empty
   */
  public Optional<String> fansText() {
    return Fields.optionalText(raw, "fans", "fans_count", "fansCount");
  }

  /**
   * Notes posted ({@code note_count}/{@code noteCount}).
   *
   * @return the count, or empty when absent or unreadable
   */
  public OptionalLong noteCount() {
    return Counts.of(Fields.first(raw, "note_count", "noteCount"));
  }

  /**
   * The avatar URL ({@code image} or {@code avatar}).
   *
   * @return the URL, or empty
   */
  public Optional<String> image() {
    return Fields.optionalText(raw, "image", "avatar", "images");
  }

  /**
   * The token the web series asks for with this user ({@code xsec_token}/{@code xsecToken}).
   *
   * @return the token, or empty
   */
  public Optional<String> xsecToken() {
    return Fields.optionalText(raw, "xsec_token", "xsecToken");
  }

  /**
   * The user object exactly as the gateway sent it; do not change it.
   *
   * @return the JSON object
   */
  public JsonNode raw() {
    return raw;
  }

  @Override
  public String toString() {
    return "User[" + id + " \"" + name() + "\"]";
  }
}
