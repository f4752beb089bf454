package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String NOTE = "64f1c2a3000000001f03b7a1";

  @Test
  void theCatalogue_isDesignSection2a_inOrder_byOpIdAndPath() {
    assertThat(Operation.all())
        .extracting(Operation::id, Operation::suffix)
        .containsExactly(
            tuple("xhs-get-user-notes", "app/get_user_notes"),
            tuple("xhs-user-notes-web-v3", "web_v3/fetch_user_notes"),
            tuple("xhs-get-note-info", "app/get_note_info"),
            tuple("xhs-note-detail-web-v3", "web_v3/fetch_note_detail"),
            tuple("xhs-search-users", "web_v2/fetch_search_users"),
            tuple("xhs-homefeed-web-v3", "web_v3/fetch_homefeed"),
            tuple("xhs-hot-inspiration", "app_v2/get_creator_hot_inspiration_feed"));
    assertThat(Operation.byId("xhs-get-user-notes")).contains(Operation.USER_NOTES);
    assertThat(Operation.byId("xhs-nope")).isEmpty();
    assertThat(Operation.USER_NOTES.path())
        .isEqualTo("/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes");
    assertThat(Operation.USER_NOTES.suffix()).isEqualTo("app/get_user_notes");
    assertThat(Operation.USER_NOTES.cursorParam()).contains("cursor");
    assertThat(Operation.USER_NOTES.params())
        .extracting(Param::name)
        .containsExactly("user_id", "cursor");
  }

  @Test
  void aValidRequest_keepsItsValues_inParameterOrder_andIgnoresUnknownOnes() {
    UpstreamRequest request =
        Operation.USER_NOTES.request(Map.of("cursor", NOTE, "user_id", USER, "num", "99"));
    assertThat(request.values()).containsExactly(USER, NOTE);
    assertThat(request.text("user_id")).isEqualTo(USER);
    assertThat(request.cursor()).isEqualTo(NOTE);
    assertThat(request.subjectId()).isEqualTo(USER);
    assertThat(request)
        .hasToString("xhs-get-user-notes{user_id=" + USER + ", cursor=" + NOTE + "}");
    assertThatThrownBy(() -> request.text("num"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("xhs-get-user-notes has no parameter num");
  }

  @Test
  void anAbsentOrEmptyOptionalParameter_takesItsDefault_andEqualRequestsAreEqual() {
    Map<String, String> emptyCursor = new HashMap<>();
    emptyCursor.put("user_id", USER);
    emptyCursor.put("cursor", "");
    UpstreamRequest absent = Operation.USER_NOTES.request(Map.of("user_id", USER));
    UpstreamRequest empty = Operation.USER_NOTES.request(emptyCursor);
    assertThat(absent.cursor()).isEmpty();
    assertThat(absent).isEqualTo(empty).hasSameHashCodeAs(empty);
    assertThat(absent)
        .isNotEqualTo(Operation.USER_NOTES.request(Map.of("user_id", USER, "cursor", NOTE)));
  }

  @Test
  void aMissingRequiredParameter_isRefused_withWhatItMustBe() {
    assertThatThrownBy(() -> Operation.USER_NOTES.request(Map.of()))
        .isInstanceOfSatisfying(
            InvalidParamException.class, e -> assertThat(e.param()).isEqualTo("user_id"))
        .hasMessage(
            "user_id is required: the 24-hex-character id of a Xiaohongshu user, e.g."
                + " 5efdeba4000000000101e7e6");
    assertThatThrownBy(() -> Operation.USER_NOTES.request(Map.of("user_id", "")))
        .isInstanceOf(InvalidParamException.class)
        .hasMessageStartingWith("user_id is required");
  }

  @Test
  void malformedValues_areRefused_showingWhatWasGiven_cutShort() {
    assertThatThrownBy(
            () -> Operation.USER_NOTES.request(Map.of("user_id", "5EFDEBA4000000000101E7E6")))
        .isInstanceOf(InvalidParamException.class)
        .hasMessage(
            "user_id must be a Xiaohongshu user id (24 lowercase hex characters), got"
                + " '5EFDEBA4000000000101E7E6'");
    assertThatThrownBy(
            () -> Operation.USER_NOTES.request(Map.of("user_id", USER, "cursor", "x".repeat(100))))
        .isInstanceOfSatisfying(
            InvalidParamException.class, e -> assertThat(e.param()).isEqualTo("cursor"))
        .hasMessage(
            "cursor must be empty for the first page, or the 'cursor' value of the previous page"
                + " (24 lowercase hex characters), got '"
                + "x".repeat(64)
                + "…'");
  }

  @Test
  void aRequestMustHaveAValueForEachParameter() {
    assertThatThrownBy(() -> new UpstreamRequest(Operation.USER_NOTES, java.util.List.of(USER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("xhs-get-user-notes has 2 parameters, got 1");
  }

  @Test
  void theNewParameters_followDesignSection2a() {
    UpstreamRequest web = Operation.USER_NOTES_WEB.request(Map.of("user_id", USER));
    assertThat(web.text("num")).isEqualTo("30");
    assertThat(Operation.USER_NOTES_WEB.request(Map.of("user_id", USER, "num", "007")).text("num"))
        .isEqualTo("7");
    assertThatThrownBy(() -> Operation.USER_NOTES_WEB.request(Map.of("user_id", USER, "num", "31")))
        .hasMessage("num must be a whole number from 1 to 30, got '31'");
    assertThatThrownBy(() -> Operation.HOMEFEED.request(Map.of("num", "0")))
        .hasMessage("num must be a whole number from 1 to 40, got '0'");
    assertThatThrownBy(() -> Operation.HOMEFEED.request(Map.of("num", "99999999999")))
        .hasMessage("num must be a whole number from 1 to 40, got '99999999999'");
    UpstreamRequest feed = Operation.HOMEFEED.request(Map.of("need_filter_image", "TRUE"));
    assertThat(feed.values()).containsExactly("20", "", "homefeed_recommend", "true");
    assertThatThrownBy(() -> Operation.HOMEFEED.request(Map.of("need_filter_image", "yes")))
        .hasMessage("need_filter_image must be true or false, got 'yes'");

    assertThat(Operation.SEARCH_USERS.request(Map.of("keywords", "  露营 ")).values())
        .containsExactly("露营", "1");
    assertThatThrownBy(() -> Operation.SEARCH_USERS.request(Map.of("keywords", "   ")))
        .hasMessage("keywords must be 1 to 100 characters (spaces around it do not count), got 0");
    assertThatThrownBy(() -> Operation.SEARCH_USERS.request(Map.of("keywords", "营".repeat(101))))
        .hasMessageEndingWith("got 101");
    assertThatThrownBy(() -> Operation.SEARCH_USERS.request(Map.of("keywords", "a", "page", "101")))
        .hasMessage("page must be a whole number from 1 to 100, got '101'");

    assertThatThrownBy(() -> Operation.NOTE_DETAIL_WEB.request(Map.of("note_id", NOTE)))
        .hasMessageStartingWith("xsec_token is required");
    assertThatThrownBy(
            () -> Operation.NOTE_DETAIL_WEB.request(Map.of("note_id", NOTE, "xsec_token", "a b")))
        .hasMessageStartingWith("xsec_token must be the note's token");
    assertThat(Operation.NOTE_INFO.request(Map.of("note_id", NOTE)).subjectId()).isEqualTo(NOTE);
    assertThat(Operation.NOTE_INFO.subject()).contains(Operation.Subject.NOTE);
    assertThat(Operation.SEARCH_USERS.subject()).isEmpty();
    assertThat(Operation.SEARCH_USERS.request(Map.of("keywords", "a")).subjectId()).isEmpty();

    assertThat(Operation.HOT_INSPIRATION.request(Map.of("cursor", "2")).cursor()).isEqualTo("2");
    assertThatThrownBy(() -> Operation.HOT_INSPIRATION.request(Map.of("cursor", "x")))
        .hasMessageStartingWith("cursor must be empty for the first page, or the 'cursor' of");
  }

  @Test
  void cacheTimes_areLongerForDetails_andShorterForSearchesAndFeeds() {
    assertThat(Operation.USER_NOTES.cacheTtl()).isEmpty();
    assertThat(Operation.NOTE_INFO.cacheTtl()).contains(java.time.Duration.ofMinutes(10));
    assertThat(Operation.SEARCH_USERS.cacheTtl()).contains(java.time.Duration.ofSeconds(30));
    assertThat(Operation.HOMEFEED.cacheTtl()).contains(java.time.Duration.ofSeconds(10));
  }
}
