package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.ScriptedServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed methods of the catalogue beyond the App notes walk, against a scripted server. */
class EndpointsTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String N1 = "6650a1b2000000001e00abcd";
  private static final String N2 = "6650a1b2000000001e00abce";
  private static final String N3 = "6650a1b2000000001e00abcf";
  private static final String PREFIX = Endpoint.PREFIX;

  private final FakeTime time = new FakeTime();
  private final List<EventListener.WaitReason> waits = new CopyOnWriteArrayList<>();
  private ScriptedServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client =
        server
            .client(time)
            .eventListener(
                new EventListener() {
                  @Override
                  public void waiting(Duration delay, WaitReason reason) {
                    waits.add(reason);
                  }
                })
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String ok(String data) {
    return "{\"code\":200,\"request_id\":\"req\",\"data\":" + data + "}";
  }

  private static String inner(String data) {
    return ok("{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":" + data + "}");
  }

  private static String camelNote(String id, String liked) {
    return "{\"noteId\":\""
        + id
        + "\",\"xsecToken\":\"AB"
        + id
        + "=\",\"type\":\"normal\",\"displayTitle\":\"t "
        + id
        + "\",\"interactInfo\":{\"liked\":false,\"likedCount\":\""
        + liked
        + "\"},\"cover\":{\"urlDefault\":\"https://c/"
        + id
        + "\"},\"user\":{\"userId\":\""
        + USER
        + "\",\"nickName\":\"鹿\"}}";
  }

  private static String snakeNote(String id, boolean sticky) {
    return "{\"note_id\":\""
        + id
        + "\",\"xsec_token\":\"XS_"
        + id
        + "\",\"type\":\"video\",\"display_title\":\"s "
        + id
        + "\",\"interact_info\":{\"liked\":false,\"liked_count\":\"928\",\"sticky\":"
        + sticky
        + "},\"cover\":{\"url_default\":\"https://d/"
        + id
        + "\"},\"user\":{\"user_id\":\""
        + USER
        + "\",\"nickname\":\"小鹿\"}}";
  }

  @Test
  void webNotes_camelCase_pagesByCursor_30PerPage_untilHasMoreIsFalse() {
    server.then(
        Reply.json(
            200,
            inner(
                "{\"notes\":["
                    + camelNote(N1, "1.2万")
                    + ","
                    + camelNote(N2, "3")
                    + "],\"cursor\":\""
                    + N2
                    + "\",\"hasMore\":true}")),
        Reply.json(
            200,
            inner("{\"notes\":[" + camelNote(N3, "10+") + "],\"cursor\":\"\",\"hasMore\":false}")));

    List<Note> notes = client.webNotes(USER).toList();

    assertThat(notes).extracting(Note::id).containsExactly(N1, N2, N3);
    assertThat(server.requests())
        .containsExactly(
            PREFIX + "web_v3/fetch_user_notes?user_id=" + USER + "&cursor=&num=30",
            PREFIX + "web_v3/fetch_user_notes?user_id=" + USER + "&cursor=" + N2 + "&num=30");
    Note first = notes.get(0);
    assertThat(first.likedCount()).hasValue(12_000);
    assertThat(first.likedCountText()).hasValue("1.2万");
    assertThat(first.title()).isEqualTo("t " + N1);
    assertThat(first.xsecToken()).hasValue("AB" + N1 + "=");
    assertThat(first.coverUrl()).hasValue("https://c/" + N1);
    assertThat(first.authorId()).hasValue(USER);
    assertThat(first.authorNickname()).hasValue("鹿");
    assertThat(first.raw().toString()).contains("\"likedCount\":\"1.2万\"");
    assertThat(notes.get(2).likedCount()).hasValue(10);
  }

  @Test
  void webNotes_snakeCase_readsPinsTokensAndCounts_withNumSet() {
    server.then(
        Reply.json(
            200,
            inner(
                "{\"cursor\":\"\",\"has_more\":false,\"notes\":["
                    + snakeNote(N1, true)
                    + ","
                    + snakeNote(N2, false)
                    + "]}")));

    List<Note> notes = client.webNotes(USER, 5).toList();

    assertThat(server.requests()).singleElement().asString().endsWith("&num=5");
    assertThat(notes).extracting(Note::pinned).containsExactly(true, false);
    assertThat(notes.get(0).xsecToken()).hasValue("XS_" + N1);
    assertThat(notes.get(0).likedCount()).hasValue(928);
    assertThat(notes.get(0).type()).isEqualTo("video");
    assertThat(notes.get(0).coverUrl()).hasValue("https://d/" + N1);
    assertThat(notes.get(0).authorNickname()).hasValue("小鹿");
  }

  @Test
  void webNotes_aRepeatedCursor_endsIncomplete_afterHandingOutThePage() {
    server.then(
        Reply.json(
            200,
            inner(
                "{\"notes\":["
                    + camelNote(N1, "1")
                    + "],\"cursor\":\""
                    + N1
                    + "\",\"hasMore\":true}")));
    List<String> seen = new CopyOnWriteArrayList<>();

    IncompleteWalkException e =
        catchThrowableOfType(
            IncompleteWalkException.class,
            () -> client.webPages(USER, "", 30).forEach(p -> seen.add(p.cursor())));

    assertThat(seen).containsExactly(N1, N1);
    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.REPEATED_CURSOR);
    assertThat(e.userId()).isEqualTo(USER);
    assertThat(e.cursor()).isEqualTo(N1);
  }

  @Test
  void webPage_numOutOfRange_isRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> client.webPage(USER, "", 31))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void note_readsTheAppNoteFeed_countsAsNumbers_timeInSeconds() {
    server.then(
        Reply.json(
            200,
            inner(
                "[{\"note_list\":[{\"id\":\""
                    + N1
                    + "\",\"type\":\"normal\",\"title\":\"露营\",\"desc\":\"第一次露营\","
                    + "\"time\":1716000000,\"ip_location\":\"Guangxi\",\"liked_count\":1481,"
                    + "\"collected_count\":383,\"comments_count\":21,\"shared_count\":46,"
                    + "\"hash_tag\":[{\"name\":\"露营\"}],"
                    + "\"user\":{\"userid\":\""
                    + USER
                    + "\",\"nickname\":\"n\"}}],\"model_type\":\"note\"}]")));

    NoteDetail d = client.note(N1);

    assertThat(server.requests()).containsExactly(PREFIX + "app/get_note_info?note_id=" + N1);
    assertThat(d.id()).isEqualTo(N1);
    assertThat(d.desc()).isEqualTo("第一次露营");
    assertThat(d.title()).isEqualTo("露营");
    assertThat(d.time()).hasValue(Instant.ofEpochSecond(1716000000));
    assertThat(d.ipLocation()).hasValue("Guangxi");
    assertThat(d.likedCount()).hasValue(1481);
    assertThat(d.collectedCount()).hasValue(383);
    assertThat(d.commentCount()).hasValue(21);
    assertThat(d.shareCount()).hasValue(46);
    assertThat(d.tags()).containsExactly("露营");
    assertThat(d.authorId()).hasValue(USER);
    assertThat(d.requestId()).hasValue("req");
  }

  @Test
  void note_aVideoWithoutNoteListLevel_isReadFromTheEntryItself() {
    server.then(
        Reply.json(200, inner("[{\"id\":\"" + N1 + "\",\"type\":\"video\",\"desc\":\"v\"}]")));

    assertThat(client.note(N1).desc()).isEqualTo("v");
  }

  @Test
  void note_aBodyWithoutANote_isAMalformedResponse() {
    server.then(Reply.json(200, inner("[{\"note_list\":[]}]")));

    XhsOpenApiException e = catchThrowableOfType(XhsOpenApiException.class, () -> client.note(N1));

    assertThat(e.error()).isEqualTo("malformed_response");
  }

  @Test
  void note_404_isNotFound_andNotRetried() {
    server.then(Reply.json(404, Bodies.error(404, "r404", "note_not_found", "no such note")));

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.note(N1));

    assertThat(e.requestId()).isEqualTo("r404");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void noteDetail_snakeCase_noteCard_countsAsText_timeInMillis() {
    server.then(
        Reply.json(
            200,
            inner(
                "{\"cursor_score\":\"\",\"items\":[{\"id\":\""
                    + N1
                    + "\",\"model_type\":\"note\",\"note_card\":{\"note_id\":\""
                    + N1
                    + "\",\"type\":\"normal\",\"title\":\"周末\",\"desc\":\"正文\","
                    + "\"time\":1767200000000,\"ip_location\":\"上海\","
                    + "\"interact_info\":{\"liked_count\":\"683\",\"collected_count\":\"1.2万\","
                    + "\"comment_count\":\"33\",\"share_count\":\"93\"},"
                    + "\"tag_list\":[{\"name\":\"露营\"}],\"user\":{\"user_id\":\""
                    + USER
                    + "\",\"nickname\":\"n\"}}}]}")));

    NoteDetail d = client.noteDetail(N1, "AB+/=_-x");

    assertThat(server.requests())
        .containsExactly(
            PREFIX + "web_v3/fetch_note_detail?note_id=" + N1 + "&xsec_token=AB%2B%2F%3D_-x");
    assertThat(d.desc()).isEqualTo("正文");
    assertThat(d.time()).hasValue(Instant.ofEpochMilli(1767200000000L));
    assertThat(d.likedCount()).hasValue(683);
    assertThat(d.collectedCount()).hasValue(12_000);
    assertThat(d.commentCount()).hasValue(33);
    assertThat(d.shareCount()).hasValue(93);
    assertThat(d.ipLocation()).hasValue("上海");
    assertThat(d.tags()).containsExactly("露营");
    assertThat(d.authorId()).hasValue(USER);
  }

  @Test
  void noteDetail_camelCase_noteCard_isRead() {
    server.then(
        Reply.json(
            200,
            inner(
                "{\"items\":[{\"id\":\""
                    + N1
                    + "\",\"noteCard\":{\"noteId\":\""
                    + N1
                    + "\",\"desc\":\"camel\",\"ipLocation\":\"北京\","
                    + "\"interactInfo\":{\"likedCount\":\"9.7万\",\"commentCount\":\"1k+\"},"
                    + "\"tagList\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
                    + "\"user\":{\"userId\":\""
                    + USER
                    + "\",\"nickname\":\"c\"}}}]}")));

    NoteDetail d = client.noteDetail(N1, "tok");

    assertThat(d.id()).isEqualTo(N1);
    assertThat(d.desc()).isEqualTo("camel");
    assertThat(d.ipLocation()).hasValue("北京");
    assertThat(d.likedCount()).hasValue(97_000);
    assertThat(d.commentCount()).hasValue(1_000);
    assertThat(d.tags()).containsExactly("a", "b");
    assertThat(d.authorId()).hasValue(USER);
  }

  @Test
  void noteDetail_withoutNoteCard_isAMalformedResponse() {
    server.then(Reply.json(200, inner("{\"items\":[]}")));

    XhsOpenApiException e =
        catchThrowableOfType(XhsOpenApiException.class, () -> client.noteDetail(N1, "t"));

    assertThat(e.error()).isEqualTo("malformed_response");
  }

  private static String users(boolean hasMore, String... ids) {
    StringBuilder list = new StringBuilder();
    for (String id : ids) {
      if (!list.isEmpty()) {
        list.append(',');
      }
      list.append("{\"id\":\"")
          .append(id)
          .append("\",\"name\":\"u ")
          .append(id)
          .append("\",\"red_id\":\"26\",\"fans\":\"3.9万\",\"note_count\":96,")
          .append("\"xsec_token\":\"X\",\"image\":\"https://i\"}");
    }
    return inner(
        "{\"result\":{\"code\":1000},\"users\":[" + list + "],\"has_more\":" + hasMore + "}");
  }

  @Test
  void searchUsers_pagesByNumber_untilHasMoreIsFalse_eachUserOnce() {
    server.then(
        Reply.json(200, users(true, "u1", "u2")),
        Reply.json(200, users(true, "u2", "u3")),
        Reply.json(200, users(false, "u4")));

    List<User> found = client.searchUsers("露营 达人").toList();

    assertThat(found).extracting(User::id).containsExactly("u1", "u2", "u3", "u4");
    assertThat(server.requests())
        .containsExactly(
            PREFIX
                + "web_v2/fetch_search_users?keywords=%E9%9C%B2%E8%90%A5+%E8%BE%BE%E4%BA%BA&page=1",
            PREFIX
                + "web_v2/fetch_search_users?keywords=%E9%9C%B2%E8%90%A5+%E8%BE%BE%E4%BA%BA&page=2",
            PREFIX
                + "web_v2/fetch_search_users?keywords=%E9%9C%B2%E8%90%A5+%E8%BE%BE%E4%BA%BA&page=3");
    User u = found.get(0);
    assertThat(u.name()).isEqualTo("u u1");
    assertThat(u.fans()).hasValue(39_000);
    assertThat(u.fansText()).hasValue("3.9万");
    assertThat(u.noteCount()).hasValue(96);
    assertThat(u.redId()).hasValue("26");
    assertThat(u.xsecToken()).hasValue("X");
  }

  @Test
  void searchUsers_spiderHubsFieldNames_andNoHasMore_isOnePage() {
    server.then(
        Reply.json(
            200, inner("{\"users\":[{\"user_id\":\"u9\",\"nickname\":\"nick\",\"fans\":12}]}")));

    List<User> found = client.searchUsers("k").toList();

    assertThat(found).singleElement().extracting(User::name).isEqualTo("nick");
    assertThat(found.get(0).fans()).hasValue(12);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void searchUsersPage_100_isTheLast_whateverItSays() {
    server.then(Reply.json(200, users(true, "u1")));

    Page<User> page = client.searchUsersPage("k", 100);

    assertThat(page.hasMore()).isFalse();
    assertThat(page.cursor()).isEmpty();
    assertThatThrownBy(() -> client.searchUsersPage("k", 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void searchUsersPages_emptyPagesThatClaimMore_endIncomplete() {
    server.then(Reply.json(200, users(true)));

    IncompleteWalkException e =
        catchThrowableOfType(
            IncompleteWalkException.class, () -> client.searchUsersPages("k").toList());

    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.EMPTY_PAGES);
    assertThat(e.pages()).isEqualTo(3);
    assertThat(e.cursor()).isEqualTo("1");
    assertThat(e.userId()).isEmpty();
    assertThat(e.getMessage()).contains("the search for \"k\"");
  }

  @Test
  void searchUsersPage_after503_isRetried() {
    server.then(
        Reply.json(503, Bodies.error(503, "r1", "upstream_unavailable", "busy")),
        Reply.json(200, users(false, "u1")));

    assertThat(client.searchUsersPage("k", 1).items()).hasSize(1);
    assertThat(server.requests()).hasSize(2);
    assertThat(waits).containsExactly(EventListener.WaitReason.BACKOFF);
  }

  @Test
  void homefeed_sendsItsParams_andReadsNoteCardsAndTheNextCursorScore() {
    server.then(
        Reply.json(
            200,
            inner(
                "{\"cursor_score\":\"1.7609309029500036E9\",\"items\":[{\"id\":\""
                    + N1
                    + "\",\"model_type\":\"note\",\"xsec_token\":\"XT\",\"note_card\":{"
                    + "\"type\":\"video\",\"display_title\":\"feed\","
                    + "\"interact_info\":{\"liked_count\":\"2.5万\"},"
                    + "\"user\":{\"user_id\":\""
                    + USER
                    + "\",\"nick_name\":\"nn\"}}},{\"id\":\""
                    + N2
                    + "\",\"noteCard\":{\"displayTitle\":\"camel\","
                    + "\"interactInfo\":{\"likedCount\":\"7\"}},\"xsecToken\":\"Y\"}]}")));

    Page<Note> page = client.homefeed(10, "", "homefeed.fashion_v3", true);

    assertThat(server.requests())
        .containsExactly(
            PREFIX
                + "web_v3/fetch_homefeed?num=10&cursor_score=&category=homefeed.fashion_v3"
                + "&need_filter_image=true");
    assertThat(page.cursor()).isEqualTo("1.7609309029500036E9");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.items()).extracting(Note::id).containsExactly(N1, N2);
    assertThat(page.items()).extracting(Note::title).containsExactly("feed", "camel");
    assertThat(page.items().get(0).likedCount()).hasValue(25_000);
    assertThat(page.items().get(0).xsecToken()).hasValue("XT");
    assertThat(page.items().get(0).authorNickname()).hasValue("nn");
    assertThat(page.items().get(1).xsecToken()).hasValue("Y");
    assertThat(page.items().get(1).likedCount()).hasValue(7);
  }

  @Test
  void homefeed_defaults_andAPageWithoutCursorScore_isTheLast() {
    server.then(Reply.json(200, inner("{\"items\":[]}")));

    Page<Note> page = client.homefeed(null);

    assertThat(server.requests().get(0))
        .endsWith("?num=20&cursor_score=&category=homefeed_recommend&need_filter_image=false");
    assertThat(page.hasMore()).isFalse();
  }

  private static String hot(String cursor, boolean end, int... ids) {
    StringBuilder items = new StringBuilder();
    for (int id : ids) {
      if (!items.isEmpty()) {
        items.append(',');
      }
      items
          .append("{\"hot_id\":\"27\",\"score\":10000000,\"id\":")
          .append(id)
          .append(",\"title\":\"话题")
          .append(id)
          .append("\",\"type\":\"Hot\",\"score_text\":\"1000万人在看\",\"cover\":\"http://c\"}");
    }
    return ok(
        "{\"code\":0,\"success\":true,\"data\":{\"items\":["
            + items
            + "],\"end_flag\":"
            + end
            + ",\"cursor\":\""
            + cursor
            + "\"},\"msg\":\"成功\"}");
  }

  @Test
  void hotInspiration_pagesByCursor_untilEndFlag() {
    server.then(
        Reply.json(200, hot("1", false, 57803502, 2)),
        Reply.json(200, hot("2", false, 3)),
        Reply.json(200, hot("3", true, 4)));

    List<Inspiration> all = client.hotInspiration().toList();

    assertThat(all).extracting(Inspiration::id).containsExactly("57803502", "2", "3", "4");
    String path = PREFIX + "app_v2/get_creator_hot_inspiration_feed?cursor=";
    assertThat(server.requests()).containsExactly(path, path + "1", path + "2");
    Inspiration first = all.get(0);
    assertThat(first.title()).isEqualTo("话题57803502");
    assertThat(first.score()).hasValue(10_000_000);
    assertThat(first.scoreText()).hasValue("1000万人在看");
    assertThat(first.type()).isEqualTo("Hot");
    assertThat(first.cover()).hasValue("http://c");
  }

  @Test
  void hotInspiration_endFlagFalseWithoutCursor_endsIncomplete() {
    server.then(Reply.json(200, hot("", false, 1)));

    IncompleteWalkException e =
        catchThrowableOfType(IncompleteWalkException.class, () -> client.hotInspiration().toList());

    assertThat(e.reason()).isEqualTo(IncompleteWalkException.Reason.MISSING_CURSOR);
    assertThat(e.notes()).isEqualTo(1);
  }

  @Test
  void hotInspirationPage_after429_waitsRetryAfter_thenSucceeds() {
    server.then(
        new Reply(
            429,
            Map.of("Content-Type", "application/json", "Retry-After", "4"),
            Bodies.error(429, "r429", "rate_limited", "full")),
        Reply.json(200, hot("1", true, 1)));

    Page<Inspiration> page = client.hotInspirationPage("");

    assertThat(page.hasMore()).isFalse();
    assertThat(waits).containsExactly(EventListener.WaitReason.RETRY_AFTER);
    assertThat(time.sleeps()).contains(Duration.ofSeconds(4));
  }

  @Test
  void call_returnsTheEnvelopeAsReceived() {
    String body = "{\"code\":200,\"request_id\":\"rq\",\"data\":{\"z\":1,\"a\":2.50}}";
    server.then(Reply.json(200, body));

    Envelope env = client.call(Endpoint.SEARCH_USERS, Map.of("keywords", "k"));

    assertThat(env.json().toString()).isEqualTo(body);
    assertThat(env.requestId()).isEqualTo("rq");
    assertThat(env.data().path("z").asInt()).isEqualTo(1);
    assertThat(server.requests()).containsExactly(PREFIX + "web_v2/fetch_search_users?keywords=k");
  }

  @Test
  void call_refusesUnknownAndMissingParams_beforeAnyCall() {
    assertThatThrownBy(() -> client.call(Endpoint.NOTE_INFO, Map.of("note_id", N1, "x", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no parameter 'x'")
        .hasMessageContaining("note_id");
    assertThatThrownBy(() -> client.call(Endpoint.NOTE_DETAIL_WEB, Map.of("note_id", N1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xsec_token");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void call_402_isInsufficientCredits_notRetried() {
    server.then(Reply.json(402, Bodies.error(402, "r402", "insufficient_credits", "top up")));

    InsufficientCreditsException e =
        catchThrowableOfType(
            InsufficientCreditsException.class,
            () -> client.call(Endpoint.HOT_INSPIRATION, Map.of()));

    assertThat(e.requestId()).isEqualTo("r402");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void endpoint_catalogue_hasSevenOpIds_withTheirPaths() {
    assertThat(Endpoint.opIds())
        .containsExactly(
            "xhs-get-user-notes",
            "xhs-user-notes-web-v3",
            "xhs-get-note-info",
            "xhs-note-detail-web-v3",
            "xhs-search-users",
            "xhs-homefeed-web-v3",
            "xhs-hot-inspiration");
    assertThat(Endpoint.byOpId(" XHS-Search-Users ")).hasValue(Endpoint.SEARCH_USERS);
    assertThat(Endpoint.byOpId("nope")).isEmpty();
    assertThat(Endpoint.USER_NOTES.path()).isEqualTo(XhsOpenApiClient.NOTES_PATH);
    assertThat(Endpoint.HOMEFEED.required()).isEmpty();
    assertThat(Endpoint.NOTE_DETAIL_WEB.params()).containsExactly("note_id", "xsec_token");
  }
}
