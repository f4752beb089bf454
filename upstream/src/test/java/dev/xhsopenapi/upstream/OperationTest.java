package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String NOTE = "64f1c2a3000000001f03b7a1";

  @Test
  void theCatalogue_holdsTheSeedEndpoint_byIdAndPath() {
    assertThat(Operation.all())
        .containsExactly(
            Operation.USER_NOTES,
            Operation.USER_NOTES_WEB,
            Operation.NOTE_INFO,
            Operation.NOTE_DETAIL_WEB,
            Operation.SEARCH_USERS,
            Operation.HOMEFEED,
            Operation.HOT_INSPIRATION);
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
}
