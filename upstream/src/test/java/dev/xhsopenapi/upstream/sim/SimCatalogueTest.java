package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.CatalogueCases.DATASET;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.NOTE;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.UNKNOWN_NOTE;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.USER;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.tree;
import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation of the catalogue, in process: bodies, paging, not-found, tokens, faults. */
class SimCatalogueTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  private final Simulator simulator = simulator(DATASET);
  private final SimProvider provider = new SimProvider(simulator, Clock.systemUTC());

  private static Simulator simulator(SimDataset dataset) {
    return new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, 7, CLOCK);
  }

  static List<Operation> operations() {
    return Operation.all();
  }

  private static UpstreamCall call() {
    return new UpstreamCall("req-1", "acc-1", Instant.now().plusSeconds(10));
  }

  private UpstreamRequest valid(Operation operation) {
    return CatalogueCases.request(operation, simulator);
  }

  /** The body of a call that must succeed, checked by the operation's rule. */
  private byte[] usable(UpstreamRequest request) throws Exception {
    UpstreamAnswer answer = provider.fetch(request, call());
    assertThat(answer).as(request.toString()).isInstanceOf(UpstreamAnswer.Data.class);
    byte[] body = ((UpstreamAnswer.Data) answer).body();
    assertThat(request.operation().rule().refusal(request, body)).as(request.toString()).isEmpty();
    return body;
  }

  @Test
  void provider_servesEveryOperation() {
    assertThat(provider.operations()).containsExactlyInAnyOrderElementsOf(Operation.all());
  }

  @ParameterizedTest
  @MethodSource("operations")
  void validCall_answersABodyTheRuleAccepts(Operation operation) throws Exception {
    byte[] body = usable(valid(operation));

    assertThat(tree(body).path("code").asInt(-1)).isZero();
  }

  @ParameterizedTest
  @MethodSource("operations")
  void softBlockAtRate1_answersABodyTheRuleRefuses(Operation operation) {
    simulator.useFaults(SimFaults.NONE.merge("{\"soft_block_rate\":1.0}"));
    UpstreamRequest request = valid(operation);

    byte[] body = response(simulator.call(request)).body();

    assertThat(operation.rule().refusal(request, body))
        .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo("soft_block"));
    assertThatThrownBy(() -> provider.fetch(request, call()))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE));
  }

  @ParameterizedTest
  @MethodSource("operations")
  void genericErrorAndMalformedAtRate1_answerBodiesTheRuleRefuses(Operation operation) {
    UpstreamRequest request = valid(operation);
    simulator.useFaults(SimFaults.NONE.merge("{\"generic_error_rate\":1.0}"));
    assertThat(operation.rule().refusal(request, response(simulator.call(request)).body()))
        .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo("inner_error"));

    simulator.useFaults(SimFaults.NONE.merge("{\"malformed_rate\":1.0}"));
    assertThat(operation.rule().refusal(request, response(simulator.call(request)).body()))
        .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo("malformed"));
  }

  @ParameterizedTest
  @MethodSource("operations")
  void sameSeedAndRequest_answerTheSameBytes_acrossSimulators(Operation operation) {
    Simulator other = simulator(SimDataset.generate(1));
    UpstreamRequest request = valid(operation);

    assertThat(response(other.call(request)).body())
        .isEqualTo(response(simulator.call(request)).body());
  }

  @Test
  void webNotes_listTheSameIdsAsTheAppSeries_inTheSameOrder_30APage() throws Exception {
    for (SimUser user : DATASET.users()) {
      List<String> app = new ArrayList<>();
      String cursor = "";
      for (int pages = 0; ; pages++) {
        JsonNode data = tree(response(simulator.userPosted(user.userId(), cursor, 20)).body());
        data.path("data").path("notes").forEach(n -> app.add(n.path("id").asText()));
        if (!data.path("data").path("has_more").asBoolean()) {
          break;
        }
        cursor = data.path("data").path("cursor").asText();
        assertThat(pages).isLessThan(1000);
      }

      List<List<String>> web = walkWebNotes(user.userId(), "30", "hasMore");

      assertThat(web.stream().flatMap(List::stream).toList()).isEqualTo(app);
      for (int i = 0; i < web.size() - 1; i++) {
        assertThat(web.get(i)).hasSize(30);
      }
    }
  }

  @Test
  void webNotes_walk_endsWithoutRepeating_andUsesCamelCaseByDefault() throws Exception {
    SimUser big = DATASET.users().stream().filter(u -> u.notes().size() == 200).findFirst().get();
    List<List<String>> pages = walkWebNotes(big.userId(), "7", "hasMore");

    List<String> ids = pages.stream().flatMap(List::stream).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(200);
    // Page 1 holds the 3 pinned notes and the 4 newest others; 28 pages of 7 follow.
    assertThat(pages).hasSize(29);
    assertThat(pages.getFirst()).hasSize(7);
    JsonNode first =
        tree(usable(webNotesRequest(big.userId(), "", "7"))).path("data").path("notes").get(0);
    assertThat(first.has("noteId")).isTrue();
    assertThat(first.path("xsecToken").asText())
        .isEqualTo(simulator.xsecToken(first.path("noteId").asText()));
    assertThat(first.path("interactInfo").path("likedCount").isTextual()).isTrue();
    assertThat(first.path("cover").path("infoList").size()).isEqualTo(2);
  }

  @Test
  void webNotes_inSnakeCase_whenSet() throws Exception {
    simulator.useShapes(
        new SimShapes(SimShapes.WebKeyStyle.SNAKE_CASE, SimShapes.SearchUsersStyle.WEB));

    List<List<String>> pages = walkWebNotes(USER.userId(), "30", "has_more");

    assertThat(pages.stream().flatMap(List::stream).toList()).hasSize(USER.notes().size());
    JsonNode note =
        tree(usable(webNotesRequest(USER.userId(), "", "30"))).path("data").path("notes").get(0);
    assertThat(note.path("note_id").asText()).isNotEmpty();
    assertThat(note.path("interact_info").path("liked_count").isTextual()).isTrue();
    assertThat(note.path("cover").path("info_list").get(0).path("image_scene").asText())
        .isEqualTo("WB_PRV");
    assertThat(note.has("noteId")).isFalse();
  }

  @Test
  void webNotes_ofAnUnknownUser_isNotFound() throws Exception {
    UpstreamAnswer answer = provider.fetch(webNotesRequest(UNKNOWN_NOTE, "", "30"), call());

    assertThat(answer).isEqualTo(new UpstreamAnswer.NotFound("sim"));
  }

  @Test
  void noteInfo_isTheAppNoteFeedOfTheNote() throws Exception {
    JsonNode note =
        tree(usable(valid(Operation.NOTE_INFO))).path("data").get(0).path("note_list").get(0);

    assertThat(note.path("id").asText()).isEqualTo(NOTE);
    assertThat(note.path("user").path("userid").asText()).isEqualTo(USER.userId());
    assertThat(note.path("liked_count").isNumber()).isTrue();
    assertThat(note.path("time").asLong()).isEqualTo(Long.parseLong(NOTE.substring(0, 8), 16));
  }

  @Test
  void noteInfoAndDetail_ofAnUnknownNote_areNotFound() throws Exception {
    UpstreamAnswer info =
        provider.fetch(Operation.NOTE_INFO.request(Map.of("note_id", UNKNOWN_NOTE)), call());
    UpstreamAnswer detail =
        provider.fetch(
            Operation.NOTE_DETAIL_WEB.request(
                Map.of("note_id", UNKNOWN_NOTE, "xsec_token", simulator.xsecToken(UNKNOWN_NOTE))),
            call());

    assertThat(info).isEqualTo(new UpstreamAnswer.NotFound("sim"));
    assertThat(detail).isEqualTo(new UpstreamAnswer.NotFound("sim"));
  }

  @Test
  void noteDetail_withTheTokenOfItsListEntry_isTheNoteCard() throws Exception {
    String token =
        tree(usable(webNotesRequest(USER.userId(), "", "30")))
            .path("data")
            .path("notes")
            .get(0)
            .path("xsecToken")
            .asText();
    String noteId =
        tree(usable(webNotesRequest(USER.userId(), "", "30")))
            .path("data")
            .path("notes")
            .get(0)
            .path("noteId")
            .asText();

    JsonNode item =
        tree(usable(
                Operation.NOTE_DETAIL_WEB.request(Map.of("note_id", noteId, "xsec_token", token))))
            .path("data")
            .path("items")
            .get(0);

    assertThat(item.path("id").asText()).isEqualTo(noteId);
    assertThat(item.path("noteCard").path("noteId").asText()).isEqualTo(noteId);
    assertThat(item.path("noteCard").path("user").path("userId").asText()).isEqualTo(USER.userId());
    assertThat(token).startsWith("AB").endsWith("=").matches("[A-Za-z0-9+/=_-]{1,256}");
  }

  @Test
  void noteDetail_withAWrongToken_isRefused() {
    UpstreamRequest wrong =
        Operation.NOTE_DETAIL_WEB.request(
            Map.of("note_id", NOTE, "xsec_token", simulator.xsecToken(UNKNOWN_NOTE)));

    byte[] body = response(simulator.call(wrong)).body();

    assertThat(tree(body).path("code").asInt()).isEqualTo(SimProtocol.TOKEN_REFUSED_CODE);
    assertThat(tree(body).path("success").asBoolean(true)).isFalse();
    assertThat(Operation.NOTE_DETAIL_WEB.rule().refusal(wrong, body)).isPresent();
    assertThatThrownBy(() -> provider.fetch(wrong, call()))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE))
        .hasMessageContaining("300031");
  }

  @Test
  void xsecToken_dependsOnTheSignersSecret() {
    Simulator other =
        new Simulator(DATASET, new SimSigner("another secret"), SimFaults.NONE, 7, CLOCK);

    assertThat(other.xsecToken(NOTE)).isNotEqualTo(simulator.xsecToken(NOTE));
    assertThat(simulator.xsecToken(NOTE)).isEqualTo(simulator(DATASET).xsecToken(NOTE));
  }

  @Test
  void searchUsers_findsByNicknameAndByRedId() throws Exception {
    JsonNode byName = tree(usable(search(USER.nickname(), "1"))).path("data");
    JsonNode byRedId = tree(usable(search(Simulator.redId(USER.userId()), "1"))).path("data");

    assertThat(byName.path("users").findValuesAsText("id")).contains(USER.userId());
    assertThat(byRedId.path("users").findValuesAsText("id")).containsExactly(USER.userId());
    assertThat(byRedId.path("users").get(0).path("red_id").asText())
        .isEqualTo(Simulator.redId(USER.userId()));
    assertThat(byRedId.path("has_more").asBoolean(true)).isFalse();
  }

  @Test
  void searchUsers_withNoMatch_isAnEmptyLastPage() throws Exception {
    JsonNode data = tree(usable(search("no such user anywhere", "1"))).path("data");

    assertThat(data.path("users").isEmpty()).isTrue();
    assertThat(data.path("has_more").asBoolean(true)).isFalse();
  }

  @Test
  void searchUsers_pagesBy20_untilHasMoreIsFalse_withoutRepeating() throws Exception {
    List<SimUser> users =
        IntStream.range(0, 45)
            .mapToObj(
                i -> new SimUser(String.format("%024x", 0xabc000L + i), "露营达人" + i, "", List.of()))
            .toList();
    Simulator many = simulator(new SimDataset(users));
    SimProvider manyProvider = new SimProvider(many, Clock.systemUTC());

    List<String> ids = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int page = 1; ; page++) {
      UpstreamRequest request = search("露营达人", Integer.toString(page));
      byte[] body = ((UpstreamAnswer.Data) manyProvider.fetch(request, call())).body();
      assertThat(Operation.SEARCH_USERS.rule().refusal(request, body)).isEmpty();
      JsonNode data = tree(body).path("data");
      sizes.add(data.path("users").size());
      ids.addAll(data.path("users").findValuesAsText("id"));
      if (!data.path("has_more").asBoolean()) {
        break;
      }
      assertThat(page).isLessThan(10);
    }

    assertThat(sizes).containsExactly(20, 20, 5);
    assertThat(ids).doesNotHaveDuplicates().hasSize(45);
  }

  @Test
  void searchUsers_inTheSpiderHubsStyle_whenSet() throws Exception {
    simulator.useShapes(
        new SimShapes(SimShapes.WebKeyStyle.CAMEL_CASE, SimShapes.SearchUsersStyle.SPIDERHUBS));

    JsonNode user = tree(usable(search(USER.nickname(), "1"))).path("data").path("users").get(0);

    assertThat(user.path("user_id").asText()).isNotEmpty();
    assertThat(user.has("nickname")).isTrue();
    assertThat(user.has("id")).isFalse();
  }

  @Test
  void homefeed_pagesNeverRepeatANote_andCursorScoreAdvances() throws Exception {
    Set<String> seen = new HashSet<>();
    String cursor = "";
    for (int page = 0; page < 10; page++) {
      JsonNode data =
          tree(usable(Operation.HOMEFEED.request(Map.of("num", "40", "cursor_score", cursor))))
              .path("data");
      assertThat(data.path("items").size()).isEqualTo(40);
      for (JsonNode item : data.path("items")) {
        assertThat(seen.add(item.path("id").asText())).as(item.toString()).isTrue();
        assertThat(item.path("xsecToken").asText())
            .isEqualTo(simulator.xsecToken(item.path("id").asText()));
      }
      String next = data.path("cursor_score").asText();
      assertThat(next).isNotEqualTo(cursor).matches("[0-9A-Za-z.+-]{1,64}");
      cursor = next;
    }
  }

  @Test
  void homefeed_withNeedFilterImage_holdsImageNotesOnly() throws Exception {
    JsonNode items =
        tree(usable(Operation.HOMEFEED.request(Map.of("num", "40", "need_filter_image", "true"))))
            .path("data")
            .path("items");

    assertThat(items.size()).isEqualTo(40);
    assertThat(items.findValuesAsText("type")).containsOnly("normal");
  }

  @Test
  void hotInspiration_pagesBy10WithCursors1And2_untilEndFlag() throws Exception {
    List<String> cursors = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    String cursor = "";
    for (int page = 0; ; page++) {
      JsonNode data =
          tree(usable(Operation.HOT_INSPIRATION.request(Map.of("cursor", cursor)))).path("data");
      for (JsonNode item : data.path("items")) {
        titles.add(item.path("title").asText());
        assertThat(ids.add(item.path("id").asLong())).isTrue();
        assertThat(item.path("id").isNumber()).isTrue();
        assertThat(item.path("score_text").asText()).endsWith("万人在看");
      }
      cursor = data.path("cursor").asText();
      cursors.add(cursor);
      if (data.path("end_flag").asBoolean()) {
        break;
      }
      assertThat(data.path("items").size()).isEqualTo(10);
      if (page > 10) {
        fail("the hot inspiration feed did not end");
      }
    }

    assertThat(cursors).containsExactly("1", "2", "3", "4", "5");
    assertThat(titles).hasSize(SimCatalogue.HOT_TOPICS).doesNotHaveDuplicates();
  }

  private UpstreamRequest webNotesRequest(String userId, String cursor, String num) {
    return Operation.USER_NOTES_WEB.request(
        Map.of("user_id", userId, "cursor", cursor, "num", num));
  }

  private static UpstreamRequest search(String keywords, String page) {
    return Operation.SEARCH_USERS.request(Map.of("keywords", keywords, "page", page));
  }

  /** The note ids of each page of a user's web notes, walked to the end. */
  private List<List<String>> walkWebNotes(String userId, String num, String hasMoreKey)
      throws Exception {
    List<List<String>> pages = new ArrayList<>();
    String cursor = "";
    for (int i = 0; i < 1_000; i++) {
      JsonNode data = tree(usable(webNotesRequest(userId, cursor, num))).path("data");
      List<String> ids = new ArrayList<>();
      for (JsonNode note : data.path("notes")) {
        ids.add(note.has("noteId") ? note.path("noteId").asText() : note.path("note_id").asText());
      }
      pages.add(ids);
      if (!data.path(hasMoreKey).asBoolean()) {
        return pages;
      }
      cursor = data.path("cursor").asText();
    }
    return fail("the web notes walk of " + userId + " did not end");
  }
}
