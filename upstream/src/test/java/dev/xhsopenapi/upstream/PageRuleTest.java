package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.PageRule.Flaw;
import dev.xhsopenapi.upstream.PageRule.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRuleTest {
  private static final String CURSOR = "64b0c0de0000000012345678";
  private static final String NEXT = "64a0c0de0000000087654321";

  private static Optional<Refusal> check(String body, String requested) {
    return PageRule.check(body.getBytes(StandardCharsets.UTF_8), requested);
  }

  private static void refused(String body, String requested, Flaw flaw, String reason) {
    assertThat(check(body, requested)).as(body).contains(new Refusal(flaw, reason));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // A middle page: notes, more to come, a cursor that moves on.
        "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"notes\":[{\"id\":\"a\",\"t\":{\"x\":[1,{}]}}],"
            + "\"cursor\":\""
            + NEXT
            + "\",\"has_more\":true}}",
        // The last page, and a user with no notes at all: empty notes are a real answer.
        "{\"code\":0,\"success\":true,\"data\":{\"cursor\":\"\",\"has_more\":false,\"notes\":[]}}",
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[],\"has_more\":false}}",
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[],\"cursor\":\"" + CURSOR + "\"}}",
        // The other name the SpiderHubs docs give the notes array.
        "{\"code\":0,\"success\":true,\"data\":{\"note_list\":[{\"id\":\"a\"}],\"cursor\":\""
            + NEXT
            + "\",\"has_more\":true}}",
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":null,\"note_list\":[],\"has_more\":false}}",
        // Success said one way only.
        "{\"success\":true,\"data\":{\"notes\":[]}}",
        "{\"code\":0,\"data\":{\"notes\":[]}}",
        "{\"code\":-0,\"data\":{\"notes\":[]}}",
        // Unknown fields anywhere, fields in any order, whitespace around.
        " {\"data\":{\"x\":{\"notes\":5},\"notes\":[],\"extra\":[null]},\"zz\":{\"code\":1},\"code\":0}\n",
      })
  void usablePages_pass(String body) {
    assertThat(check(body, CURSOR)).as(body).isEmpty();
  }

  @Test
  void theClassicSoftBlock_isRefused() {
    refused(
        "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}",
        "",
        Flaw.NO_NOTES,
        "the page's data is empty (data:{}), with no notes array: a soft block");
  }

  @Test
  void aPageWithoutANotesArray_isRefused() {
    refused(
        "{\"code\":0,\"success\":true,\"data\":{\"has_more\":true}}",
        "",
        Flaw.NO_NOTES,
        "the page has no notes array (data has neither notes nor note_list)");
    refused(
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":null,\"has_more\":false}}",
        "",
        Flaw.NO_NOTES,
        "the page's data.notes is null, not an array");
    refused(
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":{\"0\":{}}}}",
        "",
        Flaw.NO_NOTES,
        "the page's data.notes is an object, not an array");
    refused(
        "{\"code\":0,\"success\":true,\"data\":{\"note_list\":\"[]\"}}",
        "",
        Flaw.NO_NOTES,
        "the page's data.note_list is a string, not an array");
  }

  @Test
  void hasMoreWithoutAUsableCursor_isRefused() {
    String start =
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{\"id\":\"a\"}],\"has_more\":true";
    refused(start + "}}", "", Flaw.NO_CURSOR, "the page has has_more:true but no cursor");
    refused(
        start + ",\"cursor\":null}}",
        "",
        Flaw.NO_CURSOR,
        "the page has has_more:true but no cursor");
    refused(
        start + ",\"cursor\":\"\"}}",
        "",
        Flaw.NO_CURSOR,
        "the page has has_more:true but an empty cursor");
    refused(
        start + ",\"cursor\":\"\"}}",
        CURSOR,
        Flaw.NO_CURSOR,
        "the page has has_more:true but an empty cursor");
    refused(
        start + ",\"cursor\":12}}",
        "",
        Flaw.NO_CURSOR,
        "the page has has_more:true but its cursor is a number, not a string");
  }

  @Test
  void aCursorThatDoesNotMove_isRefused() {
    String page =
        "{\"code\":0,\"success\":true,\"data\":{\"cursor\":\""
            + CURSOR
            + "\",\"notes\":[{\"id\":\"a\"}],\"has_more\":true}}";
    refused(
        page,
        CURSOR,
        Flaw.SAME_CURSOR,
        "the page has has_more:true and its next cursor is the one requested ("
            + CURSOR
            + "): the walk cannot advance");
    assertThat(check(page, "")).isEmpty();
    assertThat(check(page, NEXT)).isEmpty();
  }

  @Test
  void answersThatDoNotSaySuccess_areRefused() {
    refused(
        "{\"code\":300013,\"success\":false,\"msg\":\"访问频次异常\",\"data\":{\"notes\":[]}}",
        "",
        Flaw.NOT_SUCCESS,
        "the answer says success:false, code 300013 (msg \"访问频次异常\")");
    refused("{\"success\":false}", "", Flaw.NOT_SUCCESS, "the answer says success:false");
    refused(
        "{\"code\":-1,\"data\":{\"notes\":[]}}", "", Flaw.NOT_SUCCESS, "the answer has code -1");
    refused(
        "{\"code\":1,\"success\":true,\"data\":{\"notes\":[]}}",
        "",
        Flaw.NOT_SUCCESS,
        "the answer has code 1");
    refused(
        "{\"code\":\"0\",\"data\":{\"notes\":[]}}",
        "",
        Flaw.NOT_SUCCESS,
        "the answer has code \"0\"");
    refused(
        "{\"code\":0,\"success\":\"true\",\"data\":{\"notes\":[]}}",
        "",
        Flaw.NOT_SUCCESS,
        "the answer's success is a string, not true");
    refused(
        "{\"msg\":\"ok\",\"data\":{\"notes\":[]}}",
        "",
        Flaw.NOT_SUCCESS,
        "the answer has neither success:true nor code:0");
  }

  @Test
  void dataThatIsNotAnObject_isRefused() {
    refused("{\"code\":0,\"success\":true}", "", Flaw.NO_NOTES, "the answer has no data");
    refused(
        "{\"code\":0,\"success\":true,\"data\":null}",
        "",
        Flaw.NO_NOTES,
        "the answer's data is null, not an object");
    refused(
        "{\"code\":0,\"success\":true,\"data\":[{\"notes\":[]}]}",
        "",
        Flaw.NO_NOTES,
        "the answer's data is an array, not an object");
  }

  @Test
  void bodiesThatAreNotOneJsonObject_areRefused() {
    refused("[{\"code\":0}]", "", Flaw.NOT_AN_OBJECT, "the answer is not a JSON object");
    refused("\"ok\"", "", Flaw.NOT_AN_OBJECT, "the answer is not a JSON object");
    refused("", "", Flaw.NOT_AN_OBJECT, "the answer is not a JSON object");
    refused(
        "{\"code\":0,\"data\":{\"notes\":[]}}{\"code\":0}",
        "",
        Flaw.NOT_AN_OBJECT,
        "the answer has content after its JSON object");
    for (String broken :
        new String[] {
          "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{\"id\":",
          "{\"code\":0,\"data\":{\"notes\":[]}} trailing",
          "<html>502 Bad Gateway</html>",
        }) {
      Optional<Refusal> refusal = check(broken, "");
      assertThat(refusal).as(broken).isPresent();
      assertThat(refusal.get().flaw()).isEqualTo(Flaw.NOT_AN_OBJECT);
    }
    assertThat(check("{\"code\":0,\"data\":{\"notes\":[", "").orElseThrow().reason())
        .startsWith("the answer is not valid JSON: ");
  }

  @Test
  void isTheRuleOfTheUserNotesOperation_comparingWithTheRequestedCursor() {
    byte[] blocked = "{\"code\":0,\"success\":true,\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    assertThat(Operation.USER_NOTES.rule().refusal(Requests.notes("u", ""), blocked))
        .contains(
            new AnswerRule.Refusal(
                "soft_block",
                "the page's data is empty (data:{}), with no notes array: a soft block"));
    byte[] page =
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{}],\"has_more\":true,\"cursor\":\"c1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(Operation.USER_NOTES.rule().refusal(Requests.notes("u", ""), page)).isEmpty();
    assertThat(Operation.USER_NOTES.rule().refusal(Requests.notes("u", "c1"), page))
        .hasValueSatisfying(
            refusal -> {
              assertThat(refusal.failureClass()).isEqualTo("stuck_cursor");
              assertThat(refusal.reason()).contains("the walk cannot advance");
            });
  }
}
