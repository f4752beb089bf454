package dev.xhsopenapi.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The usability rules of the catalogue's operations other than the App notes pages (which {@link
 * PageRule} checks in one streaming pass, on the hot path). Each reads the body as a JSON tree: the
 * answers are a detail, a search page or a feed, not the notes walks that dominate traffic.
 *
 * <p>Every rule first asks the body to say success as the Xiaohongshu wrapper does ({@code
 * success:true} and/or {@code code:0}, as {@link PageRule} does, or the web search's {@code
 * code:1000}; SOURCES-FACTS A.5, B.3, D.3), then that the operation's list is where it belongs and
 * holds what a customer pays for. An answer without that list (a soft block: {@code data:{}}) is
 * {@code soft_block}; a success-shaped list that is empty when more was promised is {@code
 * soft_block} too.
 */
final class BodyRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The {@code code}s that mean success: 0, and 1000, which the web search answers with {@code
   * success:true} (SOURCES-FACTS D.3 [X1]).
   */
  private static final Set<Long> SUCCESS_CODES = Set.of(0L, 1000L);

  private BodyRules() {}

  /**
   * The body's {@code data} holds a notes array ({@code notes} or {@code note_list}), in either key
   * style ({@code has_more}/{@code hasMore}); the web series of a user's notes (SOURCES-FACTS A.5,
   * D.1).
   */
  static final AnswerRule WEB_NOTES =
      (request, body) -> PageRule.check(body, request.cursor()).map(PageRule::classified);

  /**
   * The App note feed of one note: {@code data} is a non-empty array whose first item has a
   * non-empty {@code note_list} (SOURCES-FACTS A.5 "app/get_note_info", B.3, C.5).
   */
  static final AnswerRule NOTE_FEED =
      (request, body) ->
          successful(
              body,
              root -> {
                JsonNode data = root.path("data");
                if (!data.isArray() || data.isEmpty()) {
                  return soft("the note feed's data is " + words(data) + ", not a non-empty array");
                }
                JsonNode notes = data.get(0).path("note_list");
                if (!notes.isArray() || notes.isEmpty()) {
                  return soft("the note feed has no note in data[0].note_list");
                }
                return Optional.empty();
              });

  /**
   * The web detail of one note: {@code data.items} is a non-empty array whose first item has a
   * {@code note_card} ({@code noteCard} in the camelCase style) (SOURCES-FACTS A.5, D.2).
   */
  static final AnswerRule NOTE_DETAIL =
      (request, body) ->
          successful(
              body,
              root -> {
                JsonNode items = root.path("data").path("items");
                if (!items.isArray() || items.isEmpty()) {
                  return soft("the note detail has no data.items");
                }
                JsonNode first = items.get(0);
                if (!first.path("note_card").isObject() && !first.path("noteCard").isObject()) {
                  return soft("the note detail's first item has no note_card");
                }
                return Optional.empty();
              });

  /**
   * A page of users found: {@code data.users} is an array, not empty when {@code has_more} is true
   * (an empty last page is a real "no more matches") (SOURCES-FACTS A.5, B.3, D.3).
   */
  static final AnswerRule USERS =
      (request, body) -> successful(body, root -> listIn(root.path("data"), "users", false));

  /**
   * A page of the home feed: {@code data.items} is a non-empty array (the feed never ends; an empty
   * page is a block) (SOURCES-FACTS B.3, D.4).
   */
  static final AnswerRule FEED =
      (request, body) -> successful(body, root -> listIn(root.path("data"), "items", true));

  /**
   * A page of the creator hot-inspiration feed: {@code data.items} is an array, not empty unless
   * {@code end_flag} says the feed ended (SOURCES-FACTS A.5, B.3).
   */
  static final AnswerRule HOT_INSPIRATION =
      (request, body) ->
          successful(
              body,
              root -> {
                JsonNode data = root.path("data");
                return listIn(data, "items", !data.path("end_flag").asBoolean(false));
              });

  /**
   * Reads the body and, when it is a JSON object that says success, applies {@code rest} to it.
   *
   * @return {@code malformed} when the body is not one JSON object, {@code inner_error} when it
   *     does not say success, else what {@code rest} finds
   */
  private static Optional<AnswerRule.Refusal> successful(
      byte[] body, Function<JsonNode, Optional<AnswerRule.Refusal>> rest) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Optional.of(
          new AnswerRule.Refusal(
              "malformed", "the answer is not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return Optional.of(new AnswerRule.Refusal("malformed", "the answer cannot be read: " + e));
    }
    if (root == null || !root.isObject()) {
      return Optional.of(new AnswerRule.Refusal("malformed", "the answer is not a JSON object"));
    }
    JsonNode success = root.path("success");
    JsonNode code = root.path("code");
    boolean saysOk =
        (success.isMissingNode() || (success.isBoolean() && success.booleanValue()))
            && (code.isMissingNode()
                || (code.isIntegralNumber() && SUCCESS_CODES.contains(code.asLong())))
            && !(success.isMissingNode() && code.isMissingNode());
    if (!saysOk) {
      return Optional.of(
          new AnswerRule.Refusal(
              "inner_error",
              "the answer does not say success (success "
                  + words(success)
                  + ", code "
                  + (code.isValueNode() ? code.asText() : words(code))
                  + (root.path("msg").isTextual()
                      ? ", msg \"" + root.path("msg").asText() + "\""
                      : "")
                  + ")"));
    }
    return rest.apply(root);
  }

  private static Optional<AnswerRule.Refusal> listIn(
      JsonNode data, String field, boolean mustHaveItems) {
    if (!data.isObject()) {
      return soft("the answer's data is " + words(data) + ", not an object");
    }
    JsonNode list = data.path(field);
    if (!list.isArray()) {
      return soft("the answer has no data." + field + " array");
    }
    boolean more = data.path("has_more").asBoolean(false) || data.path("hasMore").asBoolean(false);
    if (list.isEmpty() && (mustHaveItems || more)) {
      return soft("the answer's data." + field + " is empty" + (more ? " with has_more" : ""));
    }
    return Optional.empty();
  }

  private static Optional<AnswerRule.Refusal> soft(String reason) {
    return Optional.of(new AnswerRule.Refusal("soft_block", reason));
  }

  private static String words(JsonNode node) {
    if (node.isValueNode()) {
      return node.asText();
    }
    return node.isMissingNode() ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
