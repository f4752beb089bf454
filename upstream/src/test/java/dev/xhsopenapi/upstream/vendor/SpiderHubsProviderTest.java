package dev.xhsopenapi.upstream.vendor;

import static dev.xhsopenapi.upstream.UpstreamException.Kind.TIMEOUT;
import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNAVAILABLE;
import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNUSABLE;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.CURSOR;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.KEY;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.USER;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.bytes;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Requests;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.vendor.VendorFixture.Failing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpiderHubsProviderTest {
  /** An App body with odd spacing, unknown fields, non-ASCII text and a float, in odd order. */
  static final String APP =
      "{ \"data\":{\"notes\":[{\"id\":\"a\",\"x\":1.50,\"标题\":\"露营 😀\"}],\"cursor\":\""
          + CURSOR
          + "\",  \"has_more\":true ,\"zz\":null},\"code\":0,\"success\":true,\"msg\":\"成功\","
          + "\"debug_id\":\"d\"}";

  private VendorFixture vendor;
  private VendorProvider provider;

  @BeforeEach
  void start() throws Exception {
    vendor = new VendorFixture(VendorKind.SPIDERHUBS);
    provider = vendor.provider(Map.of());
  }

  @AfterEach
  void stop() {
    provider.close();
    vendor.close();
  }

  static String envelope(String data) {
    return "{\"code\":200,\"request_id\":\"757a860e-893b-42e5-9651-11b6f06f58cf\",\"data\":"
        + data
        + "}";
  }

  static String error(int status, String error) {
    return "{\"code\":"
        + status
        + ",\"request_id\":\"r\",\"error\":\""
        + error
        + "\",\"message\":\"said "
        + error
        + "\",\"data\":null}";
  }

  @Test
  void request_isTheSpiderHubsPathWithOurParamsAndTheBearerKey() throws Exception {
    vendor.answer(200, envelope(APP));
    fetch(provider, CURSOR);
    RecordedRequest request = vendor.request();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo(
            "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id="
                + USER
                + "&cursor="
                + CURSOR);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().toString().replace("Bearer " + KEY, "")).doesNotContain(KEY);
  }

  @Test
  void request_forTheFirstPage_leavesTheEmptyCursorOut() throws Exception {
    vendor.answer(200, envelope(APP));
    fetch(provider, "");
    assertThat(vendor.request().getTarget())
        .isEqualTo("/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id=" + USER);
  }

  @Test
  void request_withAConfiguredPath_usesIt() throws Exception {
    try (VendorProvider relay = vendor.provider(Map.of("xhs-get-user-notes", "/v9/notes"))) {
      vendor.answer(200, envelope(APP));
      fetch(relay, "");
      assertThat(vendor.request().getTarget()).isEqualTo("/v9/notes?user_id=" + USER);
    }
  }

  @Test
  void operations_areTheWholeCatalogue() {
    assertThat(provider.operations()).containsExactlyInAnyOrderElementsOf(Operation.all());
    assertThat(provider.name()).isEqualTo("backup-spiderhubs");
  }

  @Test
  void ok_isTheEnvelopesDataByteForByte_andBilledOnce() throws Exception {
    vendor.answer(200, envelope(APP));
    UpstreamAnswer answer = fetch(provider, "");
    assertThat(bytes(answer)).isEqualTo(APP.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.provider()).isEqualTo("backup-spiderhubs");
    assertThat(vendor.billed).containsExactly("backup-spiderhubs req-1");
  }

  @Test
  void ok_withDataBeforeTheOtherFields_isCutExactlyToo() throws Exception {
    vendor.answer(200, "{\"data\" :  " + APP + "  ,\"code\":200,\"request_id\":\"x\"}");
    assertThat(bytes(fetch(provider, ""))).isEqualTo(APP.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void softBlock_isReturnedAsData_billed_andRefusedByTheOperationsRule() throws Exception {
    String softBlock = "{\"code\":0,\"success\":true,\"data\":{}}";
    vendor.answer(200, envelope(softBlock));
    UpstreamAnswer answer = fetch(provider, "");
    assertThat(VendorFixture.text(answer)).isEqualTo(softBlock);
    assertThat(vendor.billed).hasSize(1);
    assertThat(Operation.USER_NOTES.rule().refusal(Requests.notes(USER, ""), bytes(answer)))
        .isPresent();
  }

  @Test
  void userNotFound_404_isDefinitive_andNotBilled() throws Exception {
    vendor.answer(404, error(404, "user_not_found"));
    assertThat(fetch(provider, "")).isEqualTo(new UpstreamAnswer.NotFound("backup-spiderhubs"));
    assertThat(vendor.billed).isEmpty();
  }

  @Test
  void userNotFound_asTheAppBodyInA200_isDefinitive_andBilled() throws Exception {
    vendor.answer(
        200, envelope("{\"code\":-10000,\"success\":false,\"msg\":\"用户不存在\",\"data\":{}}"));
    assertThat(fetch(provider, "")).isInstanceOf(UpstreamAnswer.NotFound.class);
    assertThat(vendor.billed).hasSize(1);
  }

  static Stream<Failing> failures() {
    return Stream.of(
        // HTTP 200: billed, whatever it carries [B.1, A.3].
        new Failing(
            200,
            envelope("{\"code\":-1,\"success\":false,\"msg\":\"服务异常\"}"),
            UNUSABLE,
            "unusable",
            false,
            true),
        new Failing(
            200, envelope("{\"code\":0,\"success\":false}"), UNUSABLE, "unusable", false, true),
        new Failing(200, envelope(APP).substring(0, 60), UNUSABLE, "unusable", false, true),
        new Failing(200, envelope("null"), UNUSABLE, "unusable", false, true),
        new Failing(200, envelope("[1]"), UNUSABLE, "unusable", false, true),
        new Failing(
            200, "{\"request_id\":\"r\",\"data\":" + APP + "}", UNUSABLE, "unusable", false, true),
        new Failing(200, "<html>ok</html>", UNUSABLE, "unusable", false, true),
        // Errors: not billed [B.2 GUESS, as the wire page fixes it].
        new Failing(401, error(401, "invalid_api_key"), UNAVAILABLE, "auth", true, false),
        new Failing(403, error(403, "forbidden"), UNAVAILABLE, "auth", true, false),
        new Failing(
            402, error(402, "insufficient_credits"), UNAVAILABLE, "out_of_credit", true, false),
        new Failing(429, error(429, "rate_limited"), UNAVAILABLE, "rate_limited", false, false),
        new Failing(400, error(400, "invalid_params"), UNUSABLE, "bad_request", false, false),
        new Failing(422, error(422, "invalid_params"), UNUSABLE, "bad_request", false, false),
        new Failing(404, error(404, "not_found"), UNUSABLE, "unusable", false, false),
        new Failing(500, error(500, "internal_error"), UNAVAILABLE, "server_error", false, false),
        new Failing(502, error(502, "upstream_error"), UNAVAILABLE, "server_error", false, false),
        new Failing(
            503, error(503, "upstream_unavailable"), UNAVAILABLE, "server_error", false, false),
        new Failing(504, error(504, "upstream_timeout"), TIMEOUT, "timeout", false, false),
        new Failing(502, "<html>Bad Gateway</html>", UNAVAILABLE, "server_error", false, false),
        // The other GUESS form: an error status in the envelope of an HTTP 200 [B.2].
        new Failing(
            200, error(402, "insufficient_credits"), UNAVAILABLE, "out_of_credit", true, false),
        new Failing(200, error(401, "invalid_api_key"), UNAVAILABLE, "auth", true, false));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failure_isClassifiedPerTheWirePage(Failing row) {
    vendor.assertFails(provider, row);
  }

  @Test
  void errorMessage_saysStatusErrorAndMessage_andRetryAfter() {
    UpstreamException e =
        vendor.assertFails(
            provider,
            new Failing(
                429, error(429, "rate_limited"), UNAVAILABLE, "rate_limited", false, false));
    assertThat(e.getMessage())
        .isEqualTo(
            "backup-spiderhubs: HTTP 429 rate_limited \"said rate_limited\" (Retry-After: 7)");
  }

  @Test
  void errorMessage_cutsALongVendorMessage_andBlanksAnEchoedKey() {
    String longText = "x".repeat(400);
    String body =
        "{\"code\":401,\"error\":\"invalid_api_key\",\"message\":\"bad key "
            + KEY
            + " "
            + longText
            + "\"}";
    UpstreamException e =
        vendor.assertFails(provider, new Failing(401, body, UNAVAILABLE, "auth", true, false));
    assertThat(e.getMessage()).contains("bad key ***").hasSizeLessThan(260);
  }

  @Test
  void userNotFoundInA200Envelope_isDefinitive_andNotBilled() throws Exception {
    vendor.answer(200, error(404, "user_not_found"));
    assertThat(fetch(provider, "")).isInstanceOf(UpstreamAnswer.NotFound.class);
    assertThat(vendor.billed).isEmpty();
  }
}
