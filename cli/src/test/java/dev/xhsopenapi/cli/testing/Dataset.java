package dev.xhsopenapi.cli.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What the simulator holds for a user, read the way a client reads it. */
public final class Dataset {
  /** Reads JSON with exact decimals and writes it back in the same order. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Dataset() {}

  /** A user's notes as the App pages them (pinned first, then newest first). */
  public static List<JsonNode> notes(SimDataset dataset, String userId) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = "";
    while (true) {
      SimResponse page = dataset.page(userId, cursor, 10);
      JsonNode data = read(page.bodyText()).get("data");
      data.get("notes").forEach(out::add);
      if (!data.get("has_more").asBoolean()) {
        return out;
      }
      cursor = data.get("cursor").asText();
    }
  }

  /** How many pages the App serves for the user. */
  public static int pageCount(SimDataset dataset, String userId) {
    int pages = 0;
    String cursor = "";
    while (true) {
      pages++;
      JsonNode data = read(dataset.page(userId, cursor, 10).bodyText()).get("data");
      if (!data.get("has_more").asBoolean()) {
        return pages;
      }
      cursor = data.get("cursor").asText();
    }
  }

  /** The same notes, each as one line of JSON. */
  public static List<String> noteLines(SimDataset dataset, String userId) {
    return notes(dataset, userId).stream().map(Dataset::write).toList();
  }

  /** JSON text as a tree. */
  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tree as one line of JSON. */
  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
