package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The body shapes the simulator picks where the vendors' facts are a GUESS (SOURCES-FACTS §E): set
 * by {@link Simulator#useShapes} or {@code POST /_sim/shapes}, and changeable while it serves.
 *
 * @param webKeyStyle the key style of the web-series bodies ({@code xhs-user-notes-web-v3}, {@code
 *     xhs-note-detail-web-v3}, {@code xhs-homefeed-web-v3}): camelCase as third-party parsers read
 *     TikHub web_v3 [A.5, T9] (the default) or snake_case as the web API itself sends it [D.1, D.2,
 *     D.4]
 * @param searchUsersStyle the user entries of {@code xhs-search-users}: the web {@code usersearch}
 *     body [D.3] (the default, candidate (a) of A.5) or the SpiderHubs field list [S5] (candidate
 *     (b))
 */
public record SimShapes(WebKeyStyle webKeyStyle, SearchUsersStyle searchUsersStyle) {

  /** camelCase web bodies and the web {@code usersearch} users. */
  public static final SimShapes DEFAULT =
      new SimShapes(WebKeyStyle.CAMEL_CASE, SearchUsersStyle.WEB);

  /** Checks both parts. */
  public SimShapes {
    Objects.requireNonNull(webKeyStyle, "webKeyStyle");
    Objects.requireNonNull(searchUsersStyle, "searchUsersStyle");
  }

  /**
   * This setting with the keys of a {@code POST /_sim/shapes} body applied: {@code web_key_style}
   * ({@code "camel_case"} or {@code "snake_case"}) and {@code search_users_style} ({@code "web"} or
   * {@code "spiderhubs"}); keys left out keep their value.
   *
   * @throws IllegalArgumentException when {@code update} is not an object, has an unknown key or a
   *     value not listed; the message says which and what is allowed
   */
  public SimShapes merge(JsonNode update) {
    if (update == null || !update.isObject()) {
      throw new IllegalArgumentException(
          "the shapes must be a JSON object such as {\"web_key_style\":\"snake_case\"}");
    }
    WebKeyStyle web = webKeyStyle;
    SearchUsersStyle search = searchUsersStyle;
    for (Map.Entry<String, JsonNode> field : update.properties()) {
      String value = field.getValue().isTextual() ? field.getValue().asText() : "";
      switch (field.getKey()) {
        case "web_key_style" -> web = named(WebKeyStyle.values(), "web_key_style", value);
        case "search_users_style" ->
            search = named(SearchUsersStyle.values(), "search_users_style", value);
        default ->
            throw new IllegalArgumentException(
                "unknown shape key '"
                    + field.getKey()
                    + "'; the keys are web_key_style, search_users_style");
      }
    }
    return new SimShapes(web, search);
  }

  /** {@code {"web_key_style":"camel_case","search_users_style":"web"}}. */
  public String toJson() {
    return "{\"web_key_style\":\""
        + webKeyStyle.name().toLowerCase(Locale.ROOT)
        + "\",\"search_users_style\":\""
        + searchUsersStyle.name().toLowerCase(Locale.ROOT)
        + "\"}";
  }

  private static <E extends Enum<E>> E named(E[] values, String key, String value) {
    for (E candidate : values) {
      if (candidate.name().toLowerCase(Locale.ROOT).equals(value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        key
            + " must be one of "
            + Arrays.stream(values)
                .map(v -> "\"" + v.name().toLowerCase(Locale.ROOT) + "\"")
                .collect(Collectors.joining(", "))
            + ", got "
            + (value.isEmpty() ? "a value that is not one of them" : "\"" + value + "\""));
  }

  /** How the keys of a web-series body are spelled. */
  public enum WebKeyStyle {
    /** {@code noteId}, {@code displayTitle}, {@code interactInfo.likedCount}, {@code hasMore}. */
    CAMEL_CASE,
    /**
     * {@code note_id}, {@code display_title}, {@code interact_info.liked_count}, {@code has_more}.
     */
    SNAKE_CASE;

    /** The key as this style spells it, from its snake_case spelling. */
    String key(String snake) {
      if (this == SNAKE_CASE || snake.indexOf('_') < 0) {
        return snake;
      }
      StringBuilder camel = new StringBuilder(snake.length());
      boolean upper = false;
      for (int i = 0; i < snake.length(); i++) {
        char c = snake.charAt(i);
        if (c == '_') {
          upper = true;
        } else {
          camel.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return camel.toString();
    }
  }

  /** Which fields a user found by {@code xhs-search-users} has. */
  public enum SearchUsersStyle {
    /**
     * The web {@code usersearch} entry [D.3]: {@code id, name, image, red_id, sub_title, fans,
     * note_count, update_time, xsec_token, link, followed, is_self, vshow, red_official_*}.
     */
    WEB,
    /** The SpiderHubs field list [S5]: {@code user_id, nickname, image, red_id, fans, desc}. */
    SPIDERHUBS
  }
}
