package dev.xhsopenapi.upstream.vendor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * The top level of a vendor's JSON object, read in one pass with Jackson's streaming parser: the
 * {@code code}, {@code success}, {@code message}/{@code msg} and {@code error} fields, and the
 * {@code data} value cut out of the body byte for byte (never re-serialised, so nothing in it is
 * reordered or lost). What was read before a syntax error stays readable, so that a truncated body
 * still shows its {@code code}. When a field appears twice, the last one counts. Not thread-safe;
 * one instance per body.
 */
final class JsonTop {
  private static final JsonFactory JSON = new JsonFactory();

  /** The {@code code} value's token, or null when absent. */
  JsonToken code;

  /** The {@code code} value when it is a JSON integer that fits an int, else null. */
  Integer codeInt;

  /** The {@code code} value as written (strings unquoted), or {@code ""} when absent. */
  String codeText = "";

  /** The {@code success} value's token, or null when absent. */
  JsonToken success;

  /** The {@code message} string, else the {@code msg} string, else null. */
  String message;

  /** The {@code error} string, or null. */
  String error;

  /** The {@code data} value's token, or null when absent. */
  JsonToken data;

  /** The {@code data} value's bytes when it is an object or an array, else null. */
  byte[] dataBytes;

  /** The {@code data} value's text when it is a string, else null. */
  String dataText;

  private String msg;

  /**
   * Reads {@code body}, which must be exactly one JSON object.
   *
   * @throws IOException when it is not (broken or truncated JSON, another kind of value, content
   *     after the object); the fields read until then keep their values
   */
  void read(byte[] body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "the body is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "code" -> {
            code = value;
            codeInt = null;
            codeText = value.isScalarValue() ? p.getText() : words(value);
            if (value == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() == JsonParser.NumberType.INT) {
              codeInt = p.getIntValue();
            }
          }
          case "success" -> success = value;
          case "message" -> message = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "msg" -> msg = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "error" -> error = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "data" -> readData(p, body, value);
          default -> {}
        }
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "the body has content after its JSON object");
      }
    } finally {
      if (message == null) {
        message = msg;
      }
    }
  }

  private void readData(JsonParser p, byte[] body, JsonToken value) throws IOException {
    data = value;
    dataBytes = null;
    dataText = value == JsonToken.VALUE_STRING ? p.getText() : null;
    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
      int start = (int) p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      int end = (int) p.currentLocation().getByteOffset();
      dataBytes = Arrays.copyOfRange(body, start, end);
    }
  }

  /** Whether {@code data} is absent, null, {@code {}}, {@code []} or {@code ""}. */
  boolean dataEmpty() {
    if (data == null || data == JsonToken.VALUE_NULL) {
      return true;
    }
    if (dataText != null) {
      return dataText.isEmpty();
    }
    if (dataBytes == null) {
      return false;
    }
    for (int i = 1; i < dataBytes.length - 1; i++) {
      if (!Character.isWhitespace(dataBytes[i])) {
        return false;
      }
    }
    return true;
  }

  /** The {@code data} value in words, for messages: {@code an object}, {@code null}, … */
  String dataWords() {
    return data == null ? "absent" : words(data);
  }

  private static String words(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
