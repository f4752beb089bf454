package dev.xhsopenapi.server.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a user-notes page that a walk through a user's notes needs (creator watches, the MCP
 * tool {@code xhs_get_all_user_notes}), read from the body that {@link
 * dev.xhsopenapi.upstream.PageRule} has already accepted: {@code
 * {"data":{"notes"|"note_list":[…],"cursor","has_more"|"hasMore"}}}. A note's id is {@code id}
 * (App) or {@code note_id} (web); it is pinned when {@code sticky} (App) or {@code
 * interact_info.sticky} (web) is true (XHS-PROTOCOL, SOURCES-FACTS A.5 and C.5).
 *
 * @param notes the page's notes in the order served (pinned ones first on page 1)
 * @param cursor the cursor of the next page, empty when none
 * @param hasMore whether the source says more pages follow
 */
public record NotesPage(List<PageNote> notes, String cursor, boolean hasMore) {

  /** A note of the page: its id, whether it is pinned, and the note as the source gave it. */
  public record PageNote(String id, boolean pinned, JsonNode json) {}

  /**
   * Reads a page body. Notes without an id are left out (nothing can refer to them).
   *
   * @throws IOException when the body is not JSON (a page the rule accepted always is)
   */
  public static NotesPage read(ObjectMapper json, byte[] body) throws IOException {
    JsonNode data = json.readTree(body).path("data");
    JsonNode array = data.has("notes") ? data.path("notes") : data.path("note_list");
    List<PageNote> notes = new ArrayList<>();
    for (JsonNode note : array) {
      String id = note.hasNonNull("id") ? note.path("id").asText() : note.path("note_id").asText();
      if (id.isEmpty()) {
        continue;
      }
      boolean pinned =
          note.path("sticky").asBoolean(false)
              || note.path("interact_info").path("sticky").asBoolean(false);
      notes.add(new PageNote(id, pinned, note));
    }
    boolean hasMore =
        data.has("has_more")
            ? data.path("has_more").asBoolean(false)
            : data.path("hasMore").asBoolean(false);
    return new NotesPage(notes, data.path("cursor").asText(""), hasMore);
  }
}
