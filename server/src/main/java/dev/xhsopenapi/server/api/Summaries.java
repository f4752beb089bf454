package dev.xhsopenapi.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The short text an MCP tool result carries beside the source's body, for a model to read: how many
 * items the answer holds (the first list in {@code data}, or in {@code data.data} for the vendors
 * that nest it), the first few titles or names, and the cursor to go on from.
 */
final class Summaries {
  private static final int TITLES = 5;
  private static final List<String> TITLE_FIELDS =
      List.of("display_title", "title", "nickname", "name", "desc");

  private Summaries() {}

  /** The summary of an answer of {@code operation} ({@code body} the source's whole body). */
  static String of(Operation operation, JsonNode body) {
    JsonNode data = body.path("data");
    JsonNode list = firstArray(data);
    if (list == null && data.path("data").isObject()) {
      list = firstArray(data.path("data"));
    }
    StringBuilder out = new StringBuilder(operation.summary()).append(": ");
    if (list == null) {
      out.append("one item");
    } else {
      out.append(list.size()).append(list.size() == 1 ? " item" : " items");
    }
    String cursor = data.path("cursor").asText("");
    if (data.path("has_more").asBoolean(false) || data.path("hasMore").asBoolean(false)) {
      out.append("; more follow").append(cursor.isEmpty() ? "" : " after cursor " + cursor);
    }
    out.append('.');
    if (list != null) {
      out.append(titles(list));
    } else {
      String title = title(data);
      if (title != null) {
        out.append(' ').append(title);
      }
    }
    return out.toString();
  }

  /** {@code " Titles: a; b; c…"} of the first items of {@code items}, or empty. */
  static String titles(JsonNode items) {
    List<String> titles = new ArrayList<>();
    for (JsonNode item : items) {
      String title = title(item);
      if (title != null) {
        titles.add(title);
      }
      if (titles.size() == TITLES) {
        break;
      }
    }
    if (titles.isEmpty()) {
      return "";
    }
    return " Titles: " + String.join("; ", titles) + (items.size() > titles.size() ? "; …" : "");
  }

  private static String title(JsonNode item) {
    for (JsonNode candidate : List.of(item, item.path("note_card"), item.path("user"))) {
      for (String field : TITLE_FIELDS) {
        String value = candidate.path(field).asText("");
        if (!value.isBlank()) {
          return value.length() > 60 ? value.substring(0, 60) + "…" : value;
        }
      }
    }
    return null;
  }

  private static JsonNode firstArray(JsonNode node) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getValue().isArray()) {
        return field.getValue();
      }
    }
    return null;
  }
}
