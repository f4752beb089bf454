package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.ScriptedServer.Reply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stop rules of a walk, the walks that cannot advance, and the dedupe of notes. */
class NotesWalkTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String A = Bodies.id(0x60000003L, 1);
  private static final String B = Bodies.id(0x60000002L, 2);
  private static final String C = Bodies.id(0x60000001L, 3);

  private ScriptedServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client = XhsOpenApiClient.builder().baseUrl(server.baseUrl()).apiKey("sk_live_x").build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void walk_stopsOnHasMoreFalse_passingEachCursorBack() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", B, true, List.of(B))),
        Reply.json(200, Bodies.page("3", C, false, List.of(C))));

    assertThat(client.notes(USER).map(Note::id)).containsExactly(A, B, C);
    assertThat(server.requests())
        .extracting(r -> r.substring(r.indexOf("cursor=")))
        .containsExactly("cursor=", "cursor=" + A, "cursor=" + B);
  }

  @Test
  void walk_goesOnPastAnEmptyPage_thatHasACursor() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", B, true, List.of())),
        Reply.json(200, Bodies.page("3", C, false, List.of(C))));

    assertThat(client.notes(USER).map(Note::id)).containsExactly(A, C);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void walk_thatClaimsMoreWithoutACursor_handsOutThePage_thenIsIncomplete() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", "", true, List.of(B))));
    List<String> had = new ArrayList<>();

    IncompleteWalkException e =
        catchThrowableOfType(
            IncompleteWalkException.class, () -> client.notes(USER).forEach(n -> had.add(n.id())));

    assertThat(had).containsExactly(A, B);
    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.MISSING_CURSOR);
    assertThat(e.userId()).isEqualTo(USER);
    assertThat(e.cursor()).isEqualTo(A);
    assertThat(e.pages()).isEqualTo(2);
    assertThat(e.notes()).isEqualTo(2);
    assertThat(e.requestId()).isEqualTo("2");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.error()).isEqualTo("incomplete_walk");
    assertThat(e).isInstanceOf(XhsOpenApiException.class);
    assertThat(e.getMessage()).contains(USER).contains("sent no cursor").contains(A);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void walk_onARepeatedCursor_isIncomplete_atTheCursorOfThePageThatRepeatedIt() {
    server.then(
        Reply.json(200, Bodies.page("1", B, true, List.of(A, B))),
        Reply.json(200, Bodies.page("2", C, true, List.of(C))),
        Reply.json(200, Bodies.page("3", B, true, List.of(B))));

    Iterator<NotesPage> pages = client.pages(USER).iterator();
    assertThat(pages.next().notes()).extracting(Note::id).containsExactly(A, B);
    assertThat(pages.next().notes()).extracting(Note::id).containsExactly(C);
    assertThat(pages.next().notes()).extracting(Note::id).containsExactly(B);
    IncompleteWalkException e = catchThrowableOfType(IncompleteWalkException.class, pages::hasNext);

    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.REPEATED_CURSOR);
    assertThat(e.cursor()).isEqualTo(C);
    assertThat(e.pages()).isEqualTo(3);
    assertThat(e.notes()).isEqualTo(4);
    assertThat(server.requests()).hasSize(3);
    // Asking again changes nothing and costs nothing.
    assertThatThrownBy(pages::hasNext).isSameAs(e);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void walk_thatGetsTheCursorItAskedWithBack_isIncomplete() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", A, true, List.of(A))));

    IncompleteWalkException e =
        catchThrowableOfType(IncompleteWalkException.class, () -> client.pages(USER).toList());

    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.REPEATED_CURSOR);
    assertThat(e.cursor()).isEqualTo(A);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void walk_ofEmptyPagesInARow_isIncomplete_atTheFirstEmptyOne_afterTheDefaultThree() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", Bodies.id(0x50000001L, 9), true, List.of())),
        Reply.json(200, Bodies.page("3", Bodies.id(0x50000002L, 9), true, List.of())),
        Reply.json(200, Bodies.page("4", Bodies.id(0x50000003L, 9), true, List.of())),
        Reply.json(200, Bodies.page("5", C, false, List.of(C))));

    IncompleteWalkException e =
        catchThrowableOfType(IncompleteWalkException.class, () -> client.pages(USER).toList());

    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.EMPTY_PAGES);
    assertThat(e.cursor()).isEqualTo(A);
    assertThat(e.pages()).isEqualTo(4);
    assertThat(e.notes()).isEqualTo(1);
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void emptyPagesLimit_isASettingOfTheBuilder_andANonEmptyPageResetsTheCount() {
    server.then(
        Reply.json(200, Bodies.page("1", Bodies.id(0x50000001L, 9), true, List.of())),
        Reply.json(200, Bodies.page("2", A, true, List.of(A))),
        Reply.json(200, Bodies.page("3", Bodies.id(0x50000002L, 9), true, List.of())),
        Reply.json(200, Bodies.page("4", Bodies.id(0x50000003L, 9), true, List.of())),
        Reply.json(200, Bodies.page("5", C, false, List.of(C))));

    try (XhsOpenApiClient one =
        XhsOpenApiClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey("sk_live_x")
            .maxEmptyPages(2)
            .build()) {
      IncompleteWalkException e =
          catchThrowableOfType(IncompleteWalkException.class, () -> one.pages(USER).toList());

      assertThat(one.maxEmptyPages()).isEqualTo(2);
      assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.EMPTY_PAGES);
      assertThat(e.cursor()).isEqualTo(A);
      assertThat(e.pages()).isEqualTo(4);
    }
    assertThat(client.maxEmptyPages()).isEqualTo(3);
    assertThatThrownBy(() -> XhsOpenApiClient.builder().maxEmptyPages(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 or more");
  }

  @Test
  void anEmptyLastPage_endsTheWalk() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", "", false, List.of())));

    assertThat(client.pages(USER)).hasSize(2);
  }

  @Test
  void noteListPages_areWalkedLikeNotesPages() {
    server.then(
        Reply.json(
            200, Bodies.page("1", A, true, List.of(A)).replace("\"notes\"", "\"note_list\"")),
        Reply.json(
            200, Bodies.page("2", C, false, List.of(B, C)).replace("\"notes\"", "\"note_list\"")));

    assertThat(client.notes(USER).map(Note::id)).containsExactly(A, B, C);
  }

  @Test
  void aPageWithBothArrays_readsNotes_andOneWithNeither_isMalformed() {
    String both =
        Bodies.page("1", "", false, List.of(A))
            .replace("\"notes\"", "\"note_list\":[{\"id\":\"" + C + "\"}],\"notes\"");
    server.then(
        Reply.json(200, both),
        Reply.json(200, Bodies.page("2", "", false, List.of(A)).replace("\"notes\"", "\"items\"")));

    assertThat(client.page(USER, "").notes()).extracting(Note::id).containsExactly(A);
    XhsOpenApiException e =
        catchThrowableOfType(XhsOpenApiException.class, () -> client.page(USER, ""));
    assertThat(e.error()).isEqualTo("malformed_response");
    assertThat(e.getMessage()).contains("notes").contains("note_list");
  }

  @Test
  void walk_fromACursor_startsAfterIt_andIsLazy() {
    server.then(
        Reply.json(200, Bodies.page("1", C, true, List.of(C))),
        Reply.json(200, Bodies.page("2", C, true, List.of(C))));

    List<NotesPage> first = client.pages(USER, B).limit(1).toList();

    assertThat(first.get(0).notes()).extracting(Note::id).containsExactly(C);
    assertThat(first.get(0).requestId()).isEqualTo("1");
    assertThat(server.requests()).hasSize(1).allMatch(r -> r.endsWith("cursor=" + B));
  }
}
