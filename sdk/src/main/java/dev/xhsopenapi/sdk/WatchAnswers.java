package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.sdk.internal.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the gateway's answers to the watch calls into watches, events and typed exceptions. */
final class WatchAnswers {
  private WatchAnswers() {}

  /** The watch in {@code data} of a 2xx answer. */
  static Watch watch(Answer answer) {
    return watchOf(answer, data(answer), "its data");
  }

  /** The watch and its secret in {@code data} of the 201 answer to a create. */
  static CreatedWatch created(Answer answer) {
    JsonNode data = data(answer);
    JsonNode secret = data.get("secret");
    if (secret == null || !secret.isTextual() || secret.asText().isEmpty()) {
      throw Answers.malformed(answer, "its data has no secret", null);
    }
    ObjectNode withoutSecret = ((ObjectNode) data).deepCopy();
    withoutSecret.remove("secret");
    return new CreatedWatch(watchOf(answer, withoutSecret, "its data"), secret.asText());
  }

  /** The new secret in {@code data} of the 200 answer to a roll of a watch's secret. */
  static RolledSecret rolled(Answer answer) {
    JsonNode data = data(answer);
    JsonNode secret = data.get("secret");
    if (secret == null || !secret.isTextual() || secret.asText().isEmpty()) {
      throw Answers.malformed(answer, "its data has no secret", null);
    }
    try {
      return new RolledSecret(
          WireFields.requiredText(data, "watch_id"),
          secret.asText(),
          Optional.ofNullable(WireFields.optionalInstant(data, "old_secret_expires_at")));
    } catch (IllegalArgumentException e) {
      throw Answers.malformed(answer, "its data: " + e.getMessage(), e);
    }
  }

  /** The watches in {@code data.watches} of a 200 answer. */
  static List<Watch> list(Answer answer) {
    JsonNode watches = data(answer).get("watches");
    if (watches == null || !watches.isArray()) {
      throw Answers.malformed(answer, "its data has no watches array", null);
    }
    List<Watch> typed = new ArrayList<>(watches.size());
    for (JsonNode watch : watches) {
      typed.add(watchOf(answer, watch, "watch " + typed.size() + " of data.watches"));
    }
    return typed;
  }

  /** The page in {@code data} of a 200 answer to an events listing. */
  static EventsPage events(Answer answer) {
    JsonNode root = Answers.envelope(answer);
    JsonNode data = objectData(answer, root);
    JsonNode events = data.get("events");
    if (events == null || !events.isArray()) {
      throw Answers.malformed(answer, "its data has no events array", null);
    }
    List<WatchEvent> typed = new ArrayList<>(events.size());
    for (JsonNode event : events) {
      try {
        typed.add(WatchEvent.of(event));
      } catch (IllegalArgumentException e) {
        throw Answers.malformed(
            answer, "event " + typed.size() + " of data.events: " + e.getMessage(), e);
      }
    }
    JsonNode next = data.get("next");
    if (next != null && !next.isNull() && !next.isTextual()) {
      throw Answers.malformed(answer, "its data.next is neither an event id nor null", null);
    }
    Optional<String> following =
        next == null || next.isNull() || next.asText().isEmpty()
            ? Optional.empty()
            : Optional.of(next.asText());
    return new EventsPage(typed, following, Answers.requestId(root, answer));
  }

  /** Nothing, for a 2xx answer such as the 204 of a delete; the typed exception of any other. */
  static void empty(Answer answer) {
    if (answer.status() < 200 || answer.status() > 299) {
      throw Answers.failure(answer);
    }
  }

  private static JsonNode data(Answer answer) {
    return objectData(answer, Answers.envelope(answer));
  }

  private static JsonNode objectData(Answer answer, JsonNode root) {
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw Answers.malformed(answer, "its data is not an object", null);
    }
    return data;
  }

  private static Watch watchOf(Answer answer, JsonNode json, String what) {
    try {
      return Watch.of(json);
    } catch (IllegalArgumentException e) {
      throw Answers.malformed(answer, what + " is not a watch: " + e.getMessage(), e);
    }
  }
}
