package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyRulesTest {
  private static final String OK = "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":";

  private static Optional<AnswerRule.Refusal> check(String op, String body) {
    Operation operation = Operation.byId(op).orElseThrow();
    Map<String, String> params =
        Map.of(
            "user_id", "5efdeba4000000000101e7e6",
            "note_id", "64f1c2a3000000001f03b7a1",
            "xsec_token", "abc",
            "keywords", "k");
    return operation
        .rule()
        .refusal(operation.request(params), body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} usable: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "xhs-user-notes-web-v3 | {\"notes\":[{\"noteId\":\"a\"}],\"hasMore\":true,\"cursor\":\"c\"}}",
        "xhs-user-notes-web-v3 | {\"notes\":[],\"has_more\":false}}",
        "xhs-get-note-info | [{\"note_list\":[{\"id\":\"n\"}]}]}",
        "xhs-note-detail-web-v3 | {\"items\":[{\"noteCard\":{\"title\":\"t\"}}]}}",
        "xhs-note-detail-web-v3 | {\"items\":[{\"note_card\":{\"title\":\"t\"}}]}}",
        "xhs-search-users | {\"users\":[{\"id\":\"u\"}],\"has_more\":true}}",
        "xhs-search-users | {\"users\":[],\"has_more\":false}}",
        "xhs-homefeed-web-v3 | {\"items\":[{\"id\":\"n\"}],\"cursor_score\":\"1.5\"}}",
        "xhs-hot-inspiration | {\"items\":[{\"hot_id\":\"1\"}],\"cursor\":\"1\",\"end_flag\":false}}",
        "xhs-hot-inspiration | {\"items\":[],\"end_flag\":true}}",
      })
  void usableAnswers_pass(String op, String data) {
    assertThat(check(op, OK + data)).isEmpty();
  }

  @Test
  void theWebSearchsCode1000_isSuccess() {
    assertThat(
            check(
                "xhs-search-users",
                "{\"code\":1000,\"success\":true,\"msg\":\"成功\",\"data\":{\"result\":{\"code\":1000},"
                    + "\"users\":[{\"id\":\"u\"}],\"has_more\":true}}"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} refused as {2}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "xhs-user-notes-web-v3 | " + OK + "{}} | soft_block",
        "xhs-user-notes-web-v3 | " + OK + "{\"notes\":[{}],\"hasMore\":true}} | stuck_cursor",
        "xhs-get-note-info | " + OK + "{}} | soft_block",
        "xhs-get-note-info | " + OK + "[]} | soft_block",
        "xhs-get-note-info | " + OK + "[{\"note_list\":[]}]} | soft_block",
        "xhs-note-detail-web-v3 | " + OK + "{\"items\":[]}} | soft_block",
        "xhs-note-detail-web-v3 | " + OK + "{\"items\":[{\"id\":\"n\"}]}} | soft_block",
        "xhs-search-users | " + OK + "{}} | soft_block",
        "xhs-search-users | " + OK + "{\"users\":[],\"has_more\":true}} | soft_block",
        "xhs-homefeed-web-v3 | " + OK + "{\"items\":[]}} | soft_block",
        "xhs-hot-inspiration | " + OK + "{\"items\":[],\"end_flag\":false}} | soft_block",
        "xhs-search-users | {\"code\":-1,\"success\":false,\"msg\":\"服务异常\"} | inner_error",
        "xhs-homefeed-web-v3 | {\"data\":{\"items\":[{}]}} | inner_error",
        "xhs-get-note-info | [1,2] | malformed",
        "xhs-get-note-info | {\"code\":0, | malformed",
      })
  void answersWithoutData_areRefused_byClass(String op, String body, String failureClass) {
    assertThat(check(op, body))
        .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo(failureClass));
  }
}
