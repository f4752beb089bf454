package dev.xhsopenapi.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A full walk of one user through the public endpoint, as a careful client does it: cursor after
 * cursor until {@code has_more} is false, a repeated cursor failing the test.
 *
 * @param ids the note ids in the order received
 * @param sticky whether each note was pinned
 * @param pages the pages answered 200 (each charged one credit)
 */
public record Walk(List<String> ids, List<Boolean> sticky, int pages) {

  /** Walks with every page required to succeed at the first try. */
  public static Walk of(TestGateway gw, String key, String userId) {
    return of(gw, key, userId, 0);
  }

  /**
   * Walks, retrying a page up to {@code retries} times after a 5xx (as the SDK does); any other
   * failure fails the test.
   */
  public static Walk of(TestGateway gw, String key, String userId, int retries) {
    List<String> ids = new ArrayList<>();
    List<Boolean> sticky = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String cursor = "";
    int pages = 0;
    while (true) {
      Reply r = gw.notes(key, userId, cursor);
      for (int retry = 0; retry < retries && r.status() >= 500; retry++) {
        r = gw.notes(key, userId, cursor);
      }
      assertThat(r.status()).as("page %d of %s: %s", pages + 1, userId, r).isEqualTo(200);
      pages++;
      JsonNode data = r.json().get("data").get("data");
      for (JsonNode note : data.get("notes")) {
        ids.add(note.get("id").asText());
        sticky.add(note.get("sticky").asBoolean());
      }
      if (!data.get("has_more").asBoolean()) {
        return new Walk(ids, sticky, pages);
      }
      cursor = data.get("cursor").asText();
      assertThat(cursors.add(cursor)).as("cursor %s repeated", cursor).isTrue();
    }
  }
}
