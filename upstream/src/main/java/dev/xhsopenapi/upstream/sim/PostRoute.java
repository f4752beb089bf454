package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /_sim/users/{user_id}/notes}: makes a user of the dataset post a note. The body is
 * empty or {@code {"title":"…"}} (a string, or null for a made-up title). Answers 201 {@code
 * {"note":{…}}} with the App JSON of the new note; 400 {@code {"error":"invalid_request",…}} for a
 * malformed user id or body; 404 {@code {"error":"user_not_found",…}} for a user the dataset lacks.
 */
final class PostRoute {
  /** The route's path; group 1 is the user id as sent. */
  static final Pattern PATH =
      Pattern.compile(Pattern.quote(SimProtocol.USERS_PATH) + "/([^/]*)/notes");

  private PostRoute() {}

  /**
   * The user id of a path of this route, or empty when {@code path} is another route's.
   *
   * @param path the request's raw path
   */
  static Optional<String> userIdIn(String path) {
    Matcher m = PATH.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The answer to one call of the route.
   *
   * @param post makes the user (first argument) post a note with the title (second, null for a
   *     made-up one), answering its App JSON, or empty for an unknown user
   */
  static SimResponse answer(
      String userId, String body, BiFunction<String, String, Optional<String>> post) {
    if (!SimProtocol.isId(userId)) {
      return invalid(
          "the user id must be 24 lowercase hex characters (the first 8 a unix time), got \""
              + userId
              + "\"");
    }
    String title;
    try {
      title = title(body);
    } catch (IllegalArgumentException e) {
      return invalid(e.getMessage());
    }
    Optional<String> note = post.apply(userId, title);
    if (note.isEmpty()) {
      return SimResponse.json(
          404, SimBodies.error("user_not_found", "the dataset has no user " + userId));
    }
    return SimResponse.json(
        201,
        SimJson.write(
            note.get().length() + 16,
            json -> {
              json.writeStartObject();
              json.writeFieldName("note");
              json.writeRawValue(note.get());
              json.writeEndObject();
            }));
  }

  /** The title a body asks for, null when it asks for none. */
  private static String title(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonNode tree;
    try {
      tree = SimJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the body must be empty or a JSON object {\"title\":\"…\"}: " + e.getOriginalMessage(),
          e);
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          "the body must be empty or a JSON object {\"title\":\"…\"}, got " + tree.getNodeType());
    }
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("title")) {
        throw new IllegalArgumentException(
            "unknown key '" + name + "'; the body takes only \"title\"");
      }
    }
    JsonNode title = tree.path("title");
    if (title.isMissingNode() || title.isNull()) {
      return null;
    }
    if (!title.isTextual()) {
      throw new IllegalArgumentException(
          "\"title\" must be a string or null, got " + title.getNodeType());
    }
    return title.asText();
  }

  private static SimResponse invalid(String message) {
    return SimResponse.json(400, SimBodies.error("invalid_request", message));
  }
}
