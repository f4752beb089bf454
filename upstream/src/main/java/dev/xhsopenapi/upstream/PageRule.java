package dev.xhsopenapi.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes an upstream page usable: the one rule every provider's page answer must pass before
 * the gateway caches it, serves it or charges for it. A usable page is the App API body
 *
 * <pre>{@code {"code":0,"success":true,"msg":…,"data":{"notes":[…],"cursor":"…","has_more":…}}}
 * </pre>
 *
 * where
 *
 * <ul>
 *   <li>the body is one JSON object;
 *   <li>it says success: {@code success} is {@code true} and/or {@code code} is {@code 0} (at least
 *       one of the two is there, and neither says otherwise);
 *   <li>{@code data} is an object holding a notes array, named {@code notes} or {@code note_list}
 *       (an empty array is a real answer: a user with no notes, or a walk's last page);
 *   <li>when {@code data.has_more} (or {@code hasMore}, the web series' camelCase) is {@code true},
 *       {@code data.cursor} is a non-empty string that differs from the cursor requested, so that
 *       the walk can advance.
 * </ul>
 *
 * It is the {@link Operation#rule() rule} of {@link Operation#USER_NOTES}. Anything else (the
 * classic soft block {@code {"code":0,"success":true,"data":{}}} among them) is an upstream
 * failure, never a page for the customer. The check reads the body once with Jackson's streaming
 * parser, builds no tree, and keeps nothing: it costs about as much as reading the bytes. Unknown
 * fields are ignored; when a field appears twice, the last one counts (as in a JSON tree).
 * Thread-safe.
 */
public final class PageRule {
  private static final JsonFactory JSON = new JsonFactory();

  private PageRule() {}

  /** Why a page is not usable, coarsely; {@link Refusal#reason()} says it precisely. */
  public enum Flaw {
    /** The body is not one JSON object (broken JSON, an array, a string, trailing content). */
    NOT_AN_OBJECT,
    /**
     * The body does not say success: {@code success:false}, a non-zero {@code code}, or neither.
     */
    NOT_SUCCESS,
    /**
     * No notes array: {@code data} missing or not an object, or holding neither {@code notes} nor
     * {@code note_list} as an array. A success-shaped answer like this is a soft block.
     */
    NO_NOTES,
    /** {@code has_more:true} without a non-empty string {@code cursor}. */
    NO_CURSOR,
    /** {@code has_more:true} with the very cursor that was requested: the walk cannot advance. */
    SAME_CURSOR
  }

  /**
   * A page refused by the rule.
   *
   * @param flaw the kind of defect, for code that reacts to it
   * @param reason one plain sentence for operators, e.g. {@code the page has has_more:true but no
   *     cursor}
   */
  public record Refusal(Flaw flaw, String reason) {
    /** Creates a refusal. */
    public Refusal {
      Objects.requireNonNull(flaw, "flaw");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Checks a page body.
   *
   * @param body the upstream App API body, UTF-8 JSON, as it would be passed through
   * @param requestedCursor the cursor the page was asked for ({@code ""} for the first page)
   * @return empty when the page is usable, else why it is not
   */
  public static Optional<Refusal> check(byte[] body, String requestedCursor) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(requestedCursor, "requestedCursor");
    try (JsonParser p = JSON.createParser(body)) {
      return Optional.ofNullable(read(p, requestedCursor));
    } catch (JsonProcessingException e) {
      return Optional.of(
          new Refusal(
              Flaw.NOT_AN_OBJECT, "the answer is not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      // A parser over a byte array does no I/O; kept for the checked signature.
      return Optional.of(new Refusal(Flaw.NOT_AN_OBJECT, "the answer cannot be read: " + e));
    }
  }

  /**
   * A refused page as a source's failure: no notes array in a success-shaped answer is {@code
   * soft_block}, a body that does not say success is {@code inner_error}, one that is not a JSON
   * object is {@code malformed}, a cursor that cannot advance is {@code stuck_cursor}.
   */
  static AnswerRule.Refusal classified(Refusal refusal) {
    String failureClass =
        switch (refusal.flaw()) {
          case NOT_AN_OBJECT -> "malformed";
          case NOT_SUCCESS -> "inner_error";
          case NO_NOTES -> "soft_block";
          case NO_CURSOR, SAME_CURSOR -> "stuck_cursor";
        };
    return new AnswerRule.Refusal(failureClass, refusal.reason());
  }

  private static Refusal read(JsonParser p, String requestedCursor) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return new Refusal(Flaw.NOT_AN_OBJECT, "the answer is not a JSON object");
    }
    JsonToken success = null;
    JsonToken code = null;
    String codeText = "";
    String msg = null;
    JsonToken dataToken = null;
    Data data = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "success" -> success = value;
        case "code" -> {
          code = value;
          codeText = scalarText(p, value);
        }
        case "msg" -> msg = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "data" -> {
          dataToken = value;
          data = value == JsonToken.START_OBJECT ? Data.read(p) : null;
        }
        default -> {}
      }
      // Skips the value unless it was read (an object read to its end is already its last token).
      p.skipChildren();
    }
    if (p.nextToken() != null) {
      return new Refusal(Flaw.NOT_AN_OBJECT, "the answer has content after its JSON object");
    }

    boolean codeSaysOk = code == JsonToken.VALUE_NUMBER_INT && isZero(codeText);
    if (success == null && code == null) {
      return new Refusal(Flaw.NOT_SUCCESS, "the answer has neither success:true nor code:0");
    }
    if (success == JsonToken.VALUE_FALSE) {
      return new Refusal(
          Flaw.NOT_SUCCESS,
          "the answer says success:false" + (code == null ? "" : ", code " + codeText) + said(msg));
    }
    if (success != null && success != JsonToken.VALUE_TRUE) {
      return new Refusal(
          Flaw.NOT_SUCCESS, "the answer's success is " + words(success) + ", not true" + said(msg));
    }
    if (code != null && !codeSaysOk) {
      return new Refusal(Flaw.NOT_SUCCESS, "the answer has code " + codeText + said(msg));
    }

    if (data == null) {
      return new Refusal(
          Flaw.NO_NOTES,
          dataToken == null
              ? "the answer has no data"
              : "the answer's data is " + words(dataToken) + ", not an object");
    }
    return data.refusal(requestedCursor);
  }

  /** What the rule needs from {@code data}, read in one pass. */
  private static final class Data {
    private int fields;
    private JsonToken notes;
    private JsonToken noteList;
    private JsonToken hasMore;
    private JsonToken cursor;
    private String cursorText;

    /**
     * Reads the object at the parser's {@code START_OBJECT} up to and with its {@code END_OBJECT}.
     */
    static Data read(JsonParser p) throws IOException {
      Data d = new Data();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        d.fields++;
        switch (field) {
          case "notes" -> d.notes = value;
          case "note_list" -> d.noteList = value;
          case "has_more", "hasMore" -> d.hasMore = value;
          case "cursor" -> {
            d.cursor = value;
            d.cursorText = value == JsonToken.VALUE_STRING ? p.getText() : null;
          }
          default -> {}
        }
        p.skipChildren();
      }
      return d;
    }

    Refusal refusal(String requestedCursor) {
      if (notes != JsonToken.START_ARRAY && noteList != JsonToken.START_ARRAY) {
        return new Refusal(Flaw.NO_NOTES, noNotes());
      }
      if (hasMore != JsonToken.VALUE_TRUE) {
        return null;
      }
      if (cursor == null || cursor == JsonToken.VALUE_NULL) {
        return new Refusal(Flaw.NO_CURSOR, "the page has has_more:true but no cursor");
      }
      if (cursorText == null) {
        return new Refusal(
            Flaw.NO_CURSOR,
            "the page has has_more:true but its cursor is " + words(cursor) + ", not a string");
      }
      if (cursorText.isEmpty()) {
        return new Refusal(Flaw.NO_CURSOR, "the page has has_more:true but an empty cursor");
      }
      if (cursorText.equals(requestedCursor)) {
        return new Refusal(
            Flaw.SAME_CURSOR,
            "the page has has_more:true and its next cursor is the one requested ("
                + cursorText
                + "): the walk cannot advance");
      }
      return null;
    }

    private String noNotes() {
      if (fields == 0) {
        return "the page's data is empty (data:{}), with no notes array: a soft block";
      }
      if (notes != null) {
        return "the page's data.notes is " + words(notes) + ", not an array";
      }
      if (noteList != null) {
        return "the page's data.note_list is " + words(noteList) + ", not an array";
      }
      return "the page has no notes array (data has neither notes nor note_list)";
    }
  }

  /** Whether the text of a JSON integer is zero ({@code 0} or {@code -0}). */
  private static boolean isZero(String integer) {
    return integer.equals("0") || integer.equals("-0");
  }

  /** A scalar as it reads in JSON (strings quoted, cut short), or the kind of a container. */
  private static String scalarText(JsonParser p, JsonToken value) throws IOException {
    if (!value.isScalarValue()) {
      return words(value);
    }
    String text = p.getText();
    text = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return value == JsonToken.VALUE_STRING ? '"' + text + '"' : text;
  }

  private static String said(String msg) {
    if (msg == null || msg.isEmpty()) {
      return "";
    }
    return " (msg \"" + (msg.length() > 80 ? msg.substring(0, 80) + "…" : msg) + "\")";
  }

  /** A JSON value's kind in words, for messages. */
  private static String words(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
