package dev.xhsopenapi.upstream.xhsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskClassifierTest {
  private final CoolDowns coolDowns =
      new CoolDowns(
          Duration.ofMinutes(10),
          Duration.ofMinutes(5),
          Duration.ofMinutes(60),
          Duration.ofMinutes(30));
  private final RiskClassifier classifier =
      new RiskClassifier(new ObjectMapper(), coolDowns, Set.of(-10000, -104));

  private Verdict classify(int status, String body) {
    return classifier.classify(status, body.getBytes(StandardCharsets.UTF_8), "");
  }

  @Test
  void notes_areASuccess() {
    String body =
        "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"notes\":[],\"cursor\":\"\",\"has_more\":false}}";
    assertThat(classify(200, body)).isInstanceOf(Verdict.Notes.class);
  }

  @Test
  void notesUnderNoteList_areASuccessToo() {
    String body =
        "{\"code\":0,\"success\":true,\"data\":{\"note_list\":[{\"id\":\"n\"}],\"has_more\":false}}";
    assertThat(classify(200, body)).isInstanceOf(Verdict.Notes.class);
  }

  @Test
  void successWithoutANotesArray_isASoftBlock() {
    Verdict v = classify(200, "{\"code\":0,\"success\":true,\"data\":{\"has_more\":true}}");
    assertThat(v.failure()).isEqualTo(FailureClass.SOFT_BLOCK);
    assertThat(((Verdict.CoolDown) v).detail()).startsWith("the page has no notes array");
    assertThat(classify(200, "{\"code\":0,\"success\":true}").failure())
        .isEqualTo(FailureClass.SOFT_BLOCK);
  }

  @Test
  void aCursorThatCannotAdvance_isMalformed_andTriedElsewhere() {
    String cursor = "64b0c0de0000000012345678";
    String stuck =
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{}],\"has_more\":true,\"cursor\":\""
            + cursor
            + "\"}}";
    Verdict v = classifier.classify(200, stuck.getBytes(StandardCharsets.UTF_8), cursor);
    assertThat(v).isInstanceOf(Verdict.RetryElsewhere.class);
    assertThat(v.failure()).isEqualTo(FailureClass.MALFORMED);
    assertThat(((Verdict.RetryElsewhere) v).detail()).contains("the walk cannot advance");
    // The same page asked for from the start advances the walk.
    assertThat(classify(200, stuck)).isInstanceOf(Verdict.Notes.class);
    assertThat(
            classify(
                    200,
                    "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{}],\"has_more\":true}}")
                .failure())
        .isEqualTo(FailureClass.MALFORMED);
  }

  @Test
  void captcha461_withSuccessShapedBody_coolsTheSessionDown() {
    Verdict v = classify(461, "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}");
    assertThat(v)
        .isEqualTo(
            new Verdict.CoolDown(FailureClass.CAPTCHA, Duration.ofMinutes(10), "HTTP 461 captcha"));
    assertThat(classify(471, "")).isInstanceOf(Verdict.CoolDown.class);
  }

  @Test
  void softBlock_isNeverAnEmptyPage() {
    Verdict v = classify(200, "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}");
    assertThat(v).isInstanceOf(Verdict.CoolDown.class);
    assertThat(v.failure()).isEqualTo(FailureClass.SOFT_BLOCK);
    assertThat(((Verdict.CoolDown) v).duration()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void frequencyLimit300013_coolsDownForLong() {
    Verdict v = classify(200, "{\"code\":300013,\"success\":false,\"msg\":\"访问频次异常\",\"data\":{}}");
    assertThat(v.failure()).isEqualTo(FailureClass.RATE_LIMITED);
    assertThat(((Verdict.CoolDown) v).duration()).isEqualTo(Duration.ofMinutes(60));
  }

  @Test
  void ipBlocked300012_coolsDown() {
    Verdict v = classify(200, "{\"code\":300012,\"success\":false,\"msg\":\"网络连接异常\",\"data\":{}}");
    assertThat(v.failure()).isEqualTo(FailureClass.IP_BLOCKED);
    assertThat(((Verdict.CoolDown) v).duration()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void accountRestricted300011_retires() {
    Verdict v =
        classify(200, "{\"code\":300011,\"success\":false,\"msg\":\"检测到账号异常\",\"data\":{}}");
    assertThat(v).isInstanceOf(Verdict.Retire.class);
    assertThat(v.failure()).isEqualTo(FailureClass.ACCOUNT_RESTRICTED);
  }

  @Test
  void expiredLogin_retires_byCodeOrErrCode() {
    assertThat(
            classify(200, "{\"code\":-100,\"errCode\":-100,\"success\":false,\"msg\":\"登录已过期\"}"))
        .isInstanceOf(Verdict.Retire.class);
    assertThat(classify(200, "{\"code\":-1,\"errCode\":-100,\"success\":false}").failure())
        .isEqualTo(FailureClass.EXPIRED);
  }

  @Test
  void signatureFaults_blameTheSigner() {
    assertThat(classify(406, "")).isInstanceOf(Verdict.SignerFault.class);
    assertThat(classify(200, "{\"code\":300015,\"success\":false,\"msg\":\"浏览器异常\"}"))
        .isInstanceOf(Verdict.SignerFault.class);
  }

  @Test
  void genericRejection_retriesElsewhere() {
    Verdict v = classify(200, "{\"code\":-1,\"success\":false}");
    assertThat(v).isInstanceOf(Verdict.RetryElsewhere.class);
    assertThat(v.failure()).isEqualTo(FailureClass.GENERIC);
  }

  @Test
  void brokenJson_andServerErrors_retryElsewhere() {
    assertThat(classify(200, "{\"code\":0,\"data\":{\"no").failure())
        .isEqualTo(FailureClass.MALFORMED);
    assertThat(classify(200, "[1,2]").failure()).isEqualTo(FailureClass.MALFORMED);
    assertThat(classify(502, "bad gateway").failure()).isEqualTo(FailureClass.HTTP_ERROR);
  }

  @Test
  void userNotFoundCodes_areDefinitive() {
    assertThat(classify(200, "{\"code\":-10000,\"success\":false,\"msg\":\"用户不存在\",\"data\":{}}"))
        .isEqualTo(new Verdict.UserNotFound(-10000));
    assertThat(classify(200, "{\"code\":-104,\"success\":false}"))
        .isEqualTo(new Verdict.UserNotFound(-104));
  }
}
