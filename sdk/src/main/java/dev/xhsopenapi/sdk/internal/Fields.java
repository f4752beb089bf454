package dev.xhsopenapi.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/**
 * Reads fields that Xiaohongshu bodies spell in more than one way: snake_case from the App and web
 * JSON APIs, camelCase from the web page state that some sources pass on (SOURCES-FACTS §D).
 */
public final class Fields {
  private Fields() {}

  /**
   * The first of {@code names} that {@code node} has with a value other than null.
   *
   * @param node an object, or any other node (which has no fields)
   * @param names the spellings, preferred first
   * @return the value, or a missing node when none is present
   */
  public static JsonNode first(JsonNode node, String... names) {
    if (node != null && node.isObject()) {
      for (String name : names) {
        JsonNode value = node.get(name);
        if (value != null && !value.isNull()) {
          return value;
        }
      }
    }
    return MissingNode.getInstance();
  }

  /**
   * The first of {@code names} that holds a non-empty text or a number, as text.
   *
   * @param node an object
   * @param names the spellings, preferred first
   * @return the text, or an empty string when none holds one
   */
  public static String text(JsonNode node, String... names) {
    if (node != null && node.isObject()) {
      for (String name : names) {
        JsonNode value = node.get(name);
        if (value != null && (value.isTextual() || value.isNumber()) && !value.asText().isEmpty()) {
          return value.asText();
        }
      }
    }
    return "";
  }

  /**
   * {@link #text} as an optional.
   *
   * @param node an object
   * @param names the spellings, preferred first
   * @return the text, or empty when none holds one
   */
  public static Optional<String> optionalText(JsonNode node, String... names) {
    String value = text(node, names);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The first of {@code names} that is a boolean (or the text {@code "true"}/{@code "false"}).
   *
   * @param node an object
   * @param names the spellings, preferred first
   * @return the value, or empty when none is one
   */
  public static Optional<Boolean> bool(JsonNode node, String... names) {
    if (node != null && node.isObject()) {
      for (String name : names) {
        JsonNode value = node.get(name);
        if (value == null) {
          continue;
        }
        if (value.isBoolean()) {
          return Optional.of(value.booleanValue());
        }
        if (value.isTextual()
            && ("true".equals(value.asText()) || "false".equals(value.asText()))) {
          return Optional.of(Boolean.parseBoolean(value.asText()));
        }
      }
    }
    return Optional.empty();
  }
}
