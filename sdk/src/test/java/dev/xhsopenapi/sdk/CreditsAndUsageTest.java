package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.xhsopenapi.sdk.ScriptedServer.Reply;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credit headers of charged answers and the usage export, against a scripted server. */
class CreditsAndUsageTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String NOTE = "6650a1b2000000001e00abcd";

  private final FakeTime time = new FakeTime();
  private ScriptedServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client = server.client(time).retryPolicy(RetryPolicy.NONE).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static Reply charged(String body, String charged, String remaining) {
    return new Reply(
        200,
        Map.of(
            "Content-Type", "application/json",
            "X-Credits-Charged", charged,
            "X-Credits-Remaining", remaining),
        body);
  }

  private static String inner(String data) {
    return "{\"code\":200,\"request_id\":\"req\",\"data\":{\"code\":0,\"success\":true,\"data\":"
        + data
        + "}}";
  }

  @Test
  void notesPage_readsTheCreditHeaders() {
    server.then(charged(Bodies.page("r1", "c1", true, List.of(NOTE)), "3", "97"));

    NotesPage page = client.page(USER, "");

    assertThat(page.creditsCharged()).hasValue(3);
    assertThat(page.creditsRemaining()).hasValue(97);
  }

  @Test
  void everyChargedAnswerType_carriesTheCredits() {
    server.then(
        charged(inner("{\"users\":[{\"id\":\"" + USER + "\"}],\"has_more\":false}"), "1", "50"),
        charged(inner("{\"items\":[],\"cursor_score\":\"\"}"), "2", "48"),
        charged(inner("[{\"note_list\":[{\"id\":\"" + NOTE + "\"}]}]"), "4", "44"),
        charged(inner("{\"items\":[{\"note_card\":{\"note_id\":\"" + NOTE + "\"}}]}"), "0", "44"),
        charged(inner("{\"items\":[],\"end_flag\":true}"), "5", "39"));

    Page<User> users = client.searchUsersPage("鹿", 1);
    Page<Note> feed = client.homefeed("");
    NoteDetail app = client.note(NOTE);
    NoteDetail web = client.noteDetail(NOTE, "tok");
    Envelope raw = client.call(Endpoint.HOT_INSPIRATION, Map.of());

    assertThat(users.creditsCharged()).hasValue(1);
    assertThat(users.creditsRemaining()).hasValue(50);
    assertThat(feed.creditsCharged()).hasValue(2);
    assertThat(feed.creditsRemaining()).hasValue(48);
    assertThat(app.creditsCharged()).hasValue(4);
    assertThat(app.creditsRemaining()).hasValue(44);
    // A reservation settled already is charged 0: present, not absent.
    assertThat(web.creditsCharged()).hasValue(0);
    assertThat(web.creditsRemaining()).hasValue(44);
    assertThat(raw.creditsCharged()).hasValue(5);
    assertThat(raw.creditsRemaining()).hasValue(39);
  }

  @Test
  void absentOrUnreadableHeaders_areEmptyNotZero() {
    server.then(
        Reply.json(200, Bodies.page("r1", "", false, List.of(NOTE))),
        charged(Bodies.page("r2", "", false, List.of(NOTE)), "-1", "lots"));

    NotesPage plain = client.page(USER, "");
    NotesPage garbled = client.page(USER, "");

    assertThat(plain.creditsCharged()).isEqualTo(OptionalLong.empty());
    assertThat(plain.creditsRemaining()).isEqualTo(OptionalLong.empty());
    assertThat(garbled.creditsCharged()).isEmpty();
    assertThat(garbled.creditsRemaining()).isEmpty();
    NoteDetail offline = NoteDetail.of(JsonNodeFactory.instance.objectNode().put("note_id", NOTE));
    assertThat(offline.creditsCharged()).isEmpty();
    assertThat(offline.creditsRemaining()).isEmpty();
  }

  @Test
  void usage_readsTheJsonExportAsRecords() {
    server.then(
        Reply.json(
            200,
            "{\"code\":200,\"request_id\":\"u1\",\"data\":{\"from\":\"2026-11-01\","
                + "\"to\":\"2026-11-02\",\"calls\":9,\"charged\":21,\"rows\":["
                + "{\"day\":\"2026-11-01\",\"endpoint\":\"xhs-get-user-notes\","
                + "\"key_id\":\"key_1\",\"calls\":7,\"charged\":21},"
                + "{\"day\":\"2026-11-02\",\"endpoint\":\"/openapi/v1/account\","
                + "\"key_id\":null,\"calls\":2,\"charged\":0}]}}"));

    Usage usage = client.usage(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2));

    assertThat(server.requests())
        .containsExactly("/openapi/v1/usage?from=2026-11-01&to=2026-11-02&format=json");
    assertThat(usage.from()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(usage.to()).isEqualTo(LocalDate.of(2026, 11, 2));
    assertThat(usage.calls()).isEqualTo(9);
    assertThat(usage.charged()).isEqualTo(21);
    assertThat(usage.requestId()).isEqualTo("u1");
    assertThat(usage.rows())
        .containsExactly(
            new Usage.Row(
                LocalDate.of(2026, 11, 1), "xhs-get-user-notes", Optional.of("key_1"), 7, 21),
            new Usage.Row(
                LocalDate.of(2026, 11, 2), "/openapi/v1/account", Optional.empty(), 2, 0));
  }

  @Test
  void usage_withoutDays_leavesThemToTheServer() {
    server.then(
        Reply.json(
            200,
            "{\"code\":200,\"request_id\":\"u\",\"data\":{\"from\":\"2026-11-30\","
                + "\"to\":\"2026-11-30\",\"calls\":0,\"charged\":0,\"rows\":[]}}"));

    Usage usage = client.usage(null, null);

    assertThat(server.requests()).containsExactly("/openapi/v1/usage?format=json");
    assertThat(server.accepts()).containsExactly("application/json");
    assertThat(usage.rows()).isEmpty();
  }

  @Test
  void usageCsv_returnsTheTextAsSent() {
    String csv = "day,endpoint,key_id,calls,charged\n2026-11-01,xhs-get-user-notes,key_1,7,21\n";
    server.then(new Reply(200, Map.of("Content-Type", "text/csv; charset=utf-8"), csv));

    String text = client.usageCsv(LocalDate.of(2026, 11, 1), null);

    assertThat(text).isEqualTo(csv);
    assertThat(server.requests()).containsExactly("/openapi/v1/usage?from=2026-11-01&format=csv");
    assertThat(server.accepts()).containsExactly("text/csv, application/json;q=0.5");
  }

  @Test
  void badRange_isBadRequest() {
    server.then(
        Reply.json(
            400, Bodies.error(400, "e1", "invalid_parameter", "to must not be before from")));

    BadRequestException json =
        catchThrowableOfType(
            BadRequestException.class,
            () -> client.usage(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 1)));
    assertThat(json.error()).isEqualTo("invalid_parameter");
    assertThat(json.requestId()).isEqualTo("e1");
    assertThatThrownBy(() -> client.usageCsv(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 1)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("to must not be before from");
  }

  @Test
  void usage_refusedKey_isAuthentication() {
    server.then(Reply.json(401, Bodies.error(401, "e2", "invalid_api_key", "unknown key")));

    assertThatThrownBy(() -> client.usage(null, null)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void usage_malformedBodies_areMalformedResponses() {
    server.then(
        Reply.json(200, "{\"code\":200,\"request_id\":\"m\",\"data\":{\"calls\":1}}"),
        Reply.json(
            200,
            "{\"code\":200,\"request_id\":\"m\",\"data\":{\"from\":\"yesterday\","
                + "\"to\":\"2026-11-30\",\"calls\":0,\"charged\":0,\"rows\":[]}}"));

    assertThatThrownBy(() -> client.usage(null, null))
        .isInstanceOf(XhsOpenApiException.class)
        .hasMessageContaining("no rows array")
        .extracting(e -> ((XhsOpenApiException) e).error())
        .isEqualTo("malformed_response");
    assertThatThrownBy(() -> client.usage(null, null))
        .isInstanceOf(XhsOpenApiException.class)
        .hasMessageContaining("yesterday");
  }
}
