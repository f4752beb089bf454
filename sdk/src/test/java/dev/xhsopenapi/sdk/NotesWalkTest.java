package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.sdk.ScriptedServer.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stop rules of a walk and the dedupe of notes. */
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
  void walk_stopsOnAnEmptyPage_thatClaimsMore() {
    server.then(
        Reply.json(200, Bodies.page("1", A, true, List.of(A))),
        Reply.json(200, Bodies.page("2", "", true, List.of())));

    assertThat(client.pages(USER)).hasSize(2);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void walk_stopsOnARepeatedCursor_andDedupesItsNotes() {
    server.then(
        Reply.json(200, Bodies.page("1", B, true, List.of(A, B))),
        Reply.json(200, Bodies.page("2", B, true, List.of(B))));

    assertThat(client.notes(USER).map(Note::id)).containsExactly(A, B);
    assertThat(server.requests()).hasSize(2);
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
