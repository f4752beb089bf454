package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the fields of the gateway's own objects (watches, events), which have one spelling each:
 * snake_case, times as ISO-8601 UTC instants such as {@code 2026-11-30T11:00:00Z} or null.
 */
final class WireFields {
  private WireFields() {}

  /** A text field that must be there and not be empty. */
  static String requiredText(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("it has no " + name + " text");
    }
    return value.asText();
  }

  /** A text field that may be absent or null; empty text counts as absent. */
  static String optionalText(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("its " + name + " is not a text: " + value);
    }
    return value.asText().isEmpty() ? null : value.asText();
  }

  /** A whole number that must be there. */
  static long requiredLong(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("it has no whole number " + name);
    }
    return value.asLong();
  }

  /** A time that must be there. */
  static Instant instant(JsonNode object, String name) {
    Instant instant = optionalInstant(object, name);
    if (instant == null) {
      throw new IllegalArgumentException("it has no " + name + " time");
    }
    return instant;
  }

  /** A time that may be absent or null. */
  static Instant optionalInstant(JsonNode object, String name) {
    String text = optionalText(object, name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException(
            "its " + name + " '" + text + "' is not an ISO-8601 instant", again);
      }
    }
  }
}
