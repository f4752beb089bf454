package dev.xhsopenapi.server.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotesPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static NotesPage read(String body) throws IOException {
    return NotesPage.read(JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void appPage_readsIdsPinnedNotesCursorAndHasMore() throws IOException {
    NotesPage page =
        read(
            """
            {"code":0,"data":{"notes":[{"id":"n1","sticky":true,"title":"pinned"},
             {"id":"n2","title":"latest"}],"cursor":"n2","has_more":true}}
            """);
    assertThat(page.notes()).extracting(NotesPage.PageNote::id).containsExactly("n1", "n2");
    assertThat(page.notes()).extracting(NotesPage.PageNote::pinned).containsExactly(true, false);
    assertThat(page.notes().get(1).json().path("title").asText()).isEqualTo("latest");
    assertThat(page.cursor()).isEqualTo("n2");
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void webPage_readsNoteListNoteIdsInteractStickyAndCamelCaseHasMore() throws IOException {
    NotesPage page =
        read(
            """
            {"data":{"note_list":[{"note_id":"w1","interact_info":{"sticky":true}},
             {"note_id":"w2","interact_info":{"sticky":false}}],"cursor":"c2","hasMore":true}}
            """);
    assertThat(page.notes()).extracting(NotesPage.PageNote::id).containsExactly("w1", "w2");
    assertThat(page.notes()).extracting(NotesPage.PageNote::pinned).containsExactly(true, false);
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void notesWithoutAnId_areLeftOut_andAMissingCursorIsEmpty() throws IOException {
    NotesPage page = read("{\"data\":{\"notes\":[{\"title\":\"no id\"},{\"id\":\"n3\"}]}}");
    assertThat(page.notes()).extracting(NotesPage.PageNote::id).containsExactly("n3");
    assertThat(page.cursor()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void aBodyThatIsNotJson_isAnIoError() {
    assertThatThrownBy(() -> read("<html>")).isInstanceOf(IOException.class);
  }
}
