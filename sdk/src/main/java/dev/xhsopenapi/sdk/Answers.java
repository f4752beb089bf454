package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.xhsopenapi.sdk.internal.Answer;
import dev.xhsopenapi.sdk.internal.Fields;
import dev.xhsopenapi.sdk.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the gateway's answers into pages, accounts and typed exceptions. */
final class Answers {
  private Answers() {}

  /**
   * The page in a 200 answer of a notes endpoint, App or web series. The notes array is {@code
   * data.data.notes} or {@code data.data.note_list} (SpiderHubs documents both); {@code notes} wins
   * when both are arrays. {@code has_more} is also read as {@code hasMore} (web, camelCase).
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
        Fields.bool(inner, "has_more", "hasMore").orElse(false),
        requestId(root, answer),
        answer.rateLimit(),
        answer.cache(),
        data,
        answer.creditsCharged(),
        answer.creditsRemaining());
  }

  /** The whole envelope of a 200 answer of any endpoint. */
  static Envelope whole(Answer answer) {
    JsonNode root = envelope(answer);
    return new Envelope(
        root,
        requestId(root, answer),
        answer.rateLimit(),
        answer.cache(),
        answer.creditsCharged(),
        answer.creditsRemaining());
  }

  /**
   * The note of a 200 answer of {@code app/get_note_info}: {@code data.data[0].note_list[0]}, or
   * {@code data.data[0]} itself when it has no {@code note_list} level (App video notes,
   * SOURCES-FACTS A.6).
   */
  static NoteDetail noteInfo(Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode first = root.path("data").path("data").path(0);
    JsonNode list = first.path("note_list");
    JsonNode note = list.isArray() ? list.path(0) : first;
    if (!note.isObject() || Fields.text(note, "id", "note_id", "noteId").isEmpty()) {
      throw malformed(answer, "its data.data[0] holds no note (note_list[0] with an id)", null);
    }
    return new NoteDetail(
        note, requestId(root, answer), answer.creditsCharged(), answer.creditsRemaining());
  }

  /**
   * The note of a 200 answer of {@code web_v3/fetch_note_detail}: {@code
   * data.data.items[0].note_card} or {@code noteCard} (SOURCES-FACTS §D.2).
   */
  static NoteDetail noteDetail(Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode item = root.path("data").path("data").path("items").path(0);
    JsonNode card = Fields.first(item, "note_card", "noteCard");
    if (!card.isObject()) {
      throw malformed(answer, "its data.data.items[0] has no note_card (or noteCard)", null);
    }
    return new NoteDetail(
        card, requestId(root, answer), answer.creditsCharged(), answer.creditsRemaining());
  }

  /**
   * Page {@code page} of a 200 answer of {@code web_v2/fetch_search_users}: {@code
   * data.data.users[]} and {@code has_more}, absent read as false (SOURCES-FACTS §D.3, C.5). The
   * endpoint serves pages 1 to {@value #LAST_SEARCH_PAGE}, so that page is the last whatever it
   * says; the next page's cursor is {@code page + 1}.
   */
  static Page<User> users(Answer answer, int page) {
    JsonNode root = envelope(answer);
    JsonNode inner = root.path("data").path("data");
    JsonNode users = Fields.first(inner, "users");
    if (!users.isArray()) {
      throw malformed(answer, "its data.data has no users array", null);
    }
    List<User> typed = new ArrayList<>(users.size());
    for (JsonNode user : users) {
      try {
        typed.add(User.of(user));
      } catch (IllegalArgumentException e) {
        throw malformed(answer, "user " + typed.size() + " of the page has no id", e);
      }
    }
    boolean more =
        page < LAST_SEARCH_PAGE && Fields.bool(inner, "has_more", "hasMore").orElse(false);
    return new Page<>(
        typed,
        more ? Integer.toString(page + 1) : "",
        more,
        requestId(root, answer),
        answer.rateLimit(),
        answer.cache(),
        root.get("data"),
        answer.creditsCharged(),
        answer.creditsRemaining());
  }

  /** The last page the search endpoint serves. */
  static final int LAST_SEARCH_PAGE = 100;

  /**
   * A 200 answer of {@code web_v3/fetch_homefeed}: the notes of {@code data.data.items[]}, the next
   * {@code cursor_score}, and {@code has_more}; a feed that does not say (the web home feed never
   * does, SOURCES-FACTS §D.4) has more while it sends a {@code cursor_score}.
   */
  static Page<Note> feed(Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode inner = root.path("data").path("data");
    JsonNode items = Fields.first(inner, "items");
    if (!items.isArray()) {
      throw malformed(answer, "its data.data has no items array", null);
    }
    List<Note> typed = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      try {
        typed.add(Note.of(item));
      } catch (IllegalArgumentException e) {
        throw malformed(answer, "item " + typed.size() + " of the feed has no id", e);
      }
    }
    String cursor = Fields.text(inner, "cursor_score", "cursorScore", "cursor");
    return new Page<>(
        typed,
        cursor,
        Fields.bool(inner, "has_more", "hasMore").orElse(!cursor.isEmpty()),
        requestId(root, answer),
        answer.rateLimit(),
        answer.cache(),
        root.get("data"),
        answer.creditsCharged(),
        answer.creditsRemaining());
  }

  /**
   * A 200 answer of {@code app_v2/get_creator_hot_inspiration_feed}: {@code data.data.items[]} (or
   * {@code list}), the next {@code cursor} ({@code "1"}, {@code "2"}, …) and {@code end_flag},
   * which ends the feed; without one, {@code has_more} decides, and without either the page is the
   * last (SOURCES-FACTS A.5, S7).
   */
  static Page<Inspiration> inspirations(Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode inner = root.path("data").path("data");
    JsonNode items = Fields.first(inner, "items", "list");
    if (!items.isArray()) {
      throw malformed(answer, "its data.data has no items array", null);
    }
    List<Inspiration> typed = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      try {
        typed.add(Inspiration.of(item));
      } catch (IllegalArgumentException e) {
        throw malformed(answer, "item " + typed.size() + " of the feed is not an object", e);
      }
    }
    boolean more =
        Fields.bool(inner, "end_flag", "endFlag")
            .map(end -> !end)
            .or(() -> Fields.bool(inner, "has_more", "hasMore"))
            .orElse(false);
    return new Page<>(
        typed,
        Fields.text(inner, "cursor"),
        more,
        requestId(root, answer),
        answer.rateLimit(),
        answer.cache(),
        root.get("data"),
        answer.creditsCharged(),
        answer.creditsRemaining());
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

  /**
   * The usage in a 200 answer of {@code GET /openapi/v1/usage} (JSON): {@code
   * data{from,to,calls,charged,rows[{day,endpoint,key_id,calls,charged}]}}.
   */
  static Usage usage(Answer answer) {
    JsonNode root = envelope(answer);
    JsonNode data = root.path("data");
    JsonNode rows = data.path("rows");
    if (!rows.isArray()) {
      throw malformed(answer, "its data has no rows array", null);
    }
    try {
      List<Usage.Row> typed = new ArrayList<>(rows.size());
      for (JsonNode row : rows) {
        JsonNode key = row.path("key_id");
        typed.add(
            new Usage.Row(
                day(row, "day"),
                row.path("endpoint").asText(""),
                key.isTextual() ? Optional.of(key.asText()) : Optional.empty(),
                row.path("calls").asLong(),
                row.path("charged").asLong()));
      }
      return new Usage(
          day(data, "from"),
          day(data, "to"),
          data.path("calls").asLong(),
          data.path("charged").asLong(),
          typed,
          requestId(root, answer));
    } catch (DateTimeParseException e) {
      throw malformed(answer, "a day of its usage is not YYYY-MM-DD: " + e.getParsedString(), e);
    }
  }

  private static LocalDate day(JsonNode node, String name) {
    return LocalDate.parse(node.path(name).asText(""));
  }

  /** The body of a 2xx answer as text, or the typed exception of any other. */
  static String text(Answer answer) {
    if (answer.status() < 200 || answer.status() > 299) {
      throw failure(answer);
    }
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  /** The success envelope of a 2xx answer, or the typed exception of any other. */
  static JsonNode envelope(Answer answer) {
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

  static XhsOpenApiException malformed(Answer answer, String why, Throwable cause) {
    return new XhsOpenApiException(
        answer.status(),
        "malformed_response",
        "the gateway answered " + answer.status() + " but " + why,
        answer.requestId(),
        Duration.ZERO,
        cause);
  }

  static String requestId(JsonNode body, Answer answer) {
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
