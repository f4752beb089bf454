package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.xhsopenapi.sdk.internal.Answer;
import dev.xhsopenapi.sdk.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the gateway's answers into pages, accounts and typed exceptions. */
final class Answers {
  private Answers() {}

  /**
   * The page in a 200 answer of the notes endpoint. The notes array is {@code data.data.notes} or
   * {@code data.data.note_list} (SpiderHubs documents both); {@code notes} wins when both are
   * arrays.
   */
  static NotesPage page(String userId, Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode data = root.get("data");
    JsonNode inner = data == null ? null : data.get("data");
    JsonNode notes = inner == null ? null : notesArray(inner);
    if (notes == null) {
      throw malformed(answer, "its data.data has neither a notes nor a note_list array", null);
    }
    List<Note> typed = new ArrayList<>(notes.size());
    for (JsonNode note : notes) {
      try {
        typed.add(Note.of(note));
      } catch (IllegalArgumentException e) {
        throw malformed(answer, "note " + typed.size() + " of the page has no id", e);
      }
    }
    return new NotesPage(
        userId,
        typed,
        inner.path("cursor").asText(""),
        inner.path("has_more").asBoolean(false),
        requestId(root, answer),
        answer.rateLimit(),
        answer.cache(),
        data);
  }

  /** The first of {@code notes} and {@code note_list} that is an array, or null. */
  private static JsonNode notesArray(JsonNode inner) {
    for (String name : new String[] {"notes", "note_list"}) {
      JsonNode notes = inner.get(name);
      if (notes != null && notes.isArray()) {
        return notes;
      }
    }
    return null;
  }

  /** The account in a 200 answer of the account endpoint. */
  static Account account(Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode data = root.path("data");
    if (!data.path("account_id").isTextual()) {
      throw malformed(answer, "its data has no account_id", null);
    }
    return new Account(
        data.get("account_id").asText(),
        data.path("name").asText(""),
        data.path("balance").asLong(),
        data.path("rate_limit_per_minute").asInt(),
        data.path("calls_today").asLong(),
        data.path("charged_today").asLong(),
        requestId(root, answer));
  }

  /** The success envelope of a 2xx answer, or the typed exception of any other. */
  private static JsonNode envelope(Answer answer) {
    if (answer.status() < 200 || answer.status() > 299) {
      throw failure(answer);
    }
    JsonNode root = parse(answer);
    if (root == null || !root.isObject()) {
      throw malformed(answer, "its body is not a JSON object: " + answer.bodySnippet(), null);
    }
    return root;
  }

  /** The exception that stands for a failed answer, with the body's evidence. */
  static XhsOpenApiException failure(Answer answer) {
    JsonNode body = parse(answer);
    JsonNode fields = body == null ? MissingNode.getInstance() : body;
    int status = answer.status();
    String error = fields.path("error").asText("");
    if (error.isEmpty()) {
      error = "http_" + status;
    }
    String message = fields.path("message").asText("");
    if (message.isEmpty()) {
      message = "HTTP " + status + " without an error body: " + answer.bodySnippet();
    }
    String requestId = requestId(fields, answer);
    Duration retryAfter = answer.retryAfter();
    return switch (status) {
      case 400 -> new BadRequestException(status, error, message, requestId, retryAfter);
      case 401 -> new AuthenticationException(status, error, message, requestId, retryAfter);
      case 402 -> new InsufficientCreditsException(status, error, message, requestId, retryAfter);
      case 403 -> new ForbiddenException(status, error, message, requestId, retryAfter);
      case 404 -> new NotFoundException(status, error, message, requestId, retryAfter);
      case 429 -> new RateLimitedException(status, error, message, requestId, retryAfter);
      default ->
          status >= 500 && status <= 599
              ? new ServerException(status, error, message, requestId, retryAfter)
              : new XhsOpenApiException(status, error, message, requestId, retryAfter, null);
    };
  }

  private static XhsOpenApiException malformed(Answer answer, String why, Throwable cause) {
    return new XhsOpenApiException(
        answer.status(),
        "malformed_response",
        "the gateway answered " + answer.status() + " but " + why,
        answer.requestId(),
        Duration.ZERO,
        cause);
  }

  private static String requestId(JsonNode body, Answer answer) {
    JsonNode id = body.path("request_id");
    return id.isTextual() ? id.asText() : answer.requestId();
  }

  /** The body as JSON, or null when it is not JSON. */
  private static JsonNode parse(Answer answer) {
    if (answer.body().length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      return null;
    }
  }
}
