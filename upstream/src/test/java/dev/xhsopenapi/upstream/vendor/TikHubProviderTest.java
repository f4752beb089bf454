package dev.xhsopenapi.upstream.vendor;

import static dev.xhsopenapi.upstream.UpstreamException.Kind.TIMEOUT;
import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNAVAILABLE;
import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNUSABLE;
import static dev.xhsopenapi.upstream.vendor.SpiderHubsProviderTest.APP;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.CURSOR;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.KEY;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.USER;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.bytes;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.Operation;
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

class TikHubProviderTest {
  private VendorFixture vendor;
  private VendorProvider provider;

  @BeforeEach
  void start() throws Exception {
    vendor = new VendorFixture(VendorKind.TIKHUB);
    provider = vendor.provider(Map.of());
  }

  @AfterEach
  void stop() {
    provider.close();
    vendor.close();
  }

  /** The 15-field success envelope of [A.2] around {@code data}. */
  static String envelope(String data) {
    return "{\"code\":200,\"request_id\":\"3f2a9c1e-5b7d-4e2a-9c10-7d2b8e4f6a11\","
        + "\"message\":\"Request successful. This request will incur a charge.\","
        + "\"message_zh\":\"请求成功，本次请求将被计费。\",\"support\":\"Discord: https://discord.gg/x\","
        + "\"time\":\"2026-02-05 18:04:02\",\"time_stamp\":1770343442,"
        + "\"time_zone\":\"America/Los_Angeles\",\"docs\":\"https://api.tikhub.io/#/x\","
        + "\"cache_message\":\"c\",\"cache_message_zh\":\"c\","
        + "\"cache_url\":\"https://cache.tikhub.io/api/v1/cache/public/x?sign=0f\","
        + "\"router\":\"/api/v1/xiaohongshu/app/get_user_notes\","
        + "\"params\":{\"user_id\":\""
        + USER
        + "\"},\"data\":"
        + data
        + "}";
  }

  static String detail(int status, String message, String messageZh) {
    return "{\"detail\":{\"code\":"
        + status
        + ",\"message\":\""
        + message
        + "\",\"message_zh\":\""
        + messageZh
        + "\",\"request_id\":\"r\",\"router\":\"/api/v1/xiaohongshu/app/get_user_notes\","
        + "\"params\":{}}}";
  }

  @Test
  void request_isTheTikHubPathWithOurParamsAndTheBearerKey() throws Exception {
    vendor.answer(200, envelope(APP));
    fetch(provider, CURSOR);
    RecordedRequest request = vendor.request();
    assertThat(request.getTarget())
        .isEqualTo("/api/v1/xiaohongshu/app/get_user_notes?user_id=" + USER + "&cursor=" + CURSOR);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().toString().replace("Bearer " + KEY, "")).doesNotContain(KEY);
  }

  @Test
  void request_forTheFirstPage_leavesTheEmptyCursorOut() throws Exception {
    vendor.answer(200, envelope(APP));
    fetch(provider, "");
    assertThat(vendor.request().getTarget())
        .isEqualTo("/api/v1/xiaohongshu/app/get_user_notes?user_id=" + USER);
  }

  @Test
  void request_withAConfiguredPath_usesIt() throws Exception {
    try (VendorProvider p = vendor.provider(Map.of("xhs-get-user-notes", "/api/v2/notes"))) {
      vendor.answer(200, envelope(APP));
      fetch(p, "");
      assertThat(vendor.request().getTarget()).isEqualTo("/api/v2/notes?user_id=" + USER);
    }
  }

  @Test
  void operations_areTheWholeCatalogue() {
    assertThat(provider.operations()).containsExactlyInAnyOrderElementsOf(Operation.all());
  }

  @Test
  void ok_isTheEnvelopesDataByteForByte_andBilledOnce() throws Exception {
    vendor.answer(200, envelope(APP));
    assertThat(bytes(fetch(provider, ""))).isEqualTo(APP.getBytes(StandardCharsets.UTF_8));
    assertThat(vendor.billed).containsExactly("backup-tikhub req-1");
  }

  @Test
  void unknownUser_isTheAppNotFoundBodyInA200_definitive_andBilled() throws Exception {
    vendor.answer(
        200, envelope("{\"code\":-10000,\"success\":false,\"msg\":\"用户不存在\",\"data\":{}}"));
    assertThat(fetch(provider, "")).isEqualTo(new UpstreamAnswer.NotFound("backup-tikhub"));
    assertThat(vendor.billed).hasSize(1);
  }

  @Test
  void softBlock_isReturnedAsData_andBilled() throws Exception {
    vendor.answer(200, envelope("{\"code\":0,\"success\":true,\"data\":{}}"));
    assertThat(VendorFixture.text(fetch(provider, "")))
        .isEqualTo("{\"code\":0,\"success\":true,\"data\":{}}");
    assertThat(vendor.billed).hasSize(1);
  }

  static Stream<Failing> failures() {
    return Stream.of(
        // HTTP 200: billed even when data says failure [A.3].
        new Failing(
            200,
            envelope("{\"code\":-1,\"success\":false,\"msg\":\"服务异常\"}"),
            UNUSABLE,
            "unusable",
            false,
            true),
        new Failing(
            200,
            envelope("{\"code\":300013,\"msg\":\"访问频次异常\"}"),
            UNUSABLE,
            "unusable",
            false,
            true),
        new Failing(
            200,
            envelope(APP).substring(0, envelope(APP).length() / 2),
            UNUSABLE,
            "unusable",
            false,
            true),
        new Failing(200, envelope("null"), UNUSABLE, "unusable", false, true),
        // Errors: FastAPI detail bodies, not billed [A.3].
        new Failing(
            400,
            detail(
                400,
                "Request failed. Please retry. This request will not be charged.",
                "请求失败，请重试。本次请求不会被扣费。"),
            UNUSABLE,
            "retry",
            false,
            false),
        new Failing(
            400,
            "{\"detail\":{\"code\":400,\"message_zh\":\"请求失败，请重试。本次请求不会被扣费。\"}}",
            UNUSABLE,
            "retry",
            false,
            false),
        new Failing(
            400,
            "{\"detail\":{\"code\":400,\"message\":\"This endpoint has been deprecated.\"}}",
            UNUSABLE,
            "bad_request",
            false,
            false),
        new Failing(
            401, detail(401, "Invalid API key", "无效的 API Key"), UNAVAILABLE, "auth", true, false),
        new Failing(401, "{\"detail\":\"Not authenticated\"}", UNAVAILABLE, "auth", true, false),
        new Failing(403, "{\"detail\":\"Not authenticated\"}", UNAVAILABLE, "auth", true, false),
        new Failing(
            402,
            detail(402, "Insufficient balance", "余额不足"),
            UNAVAILABLE,
            "out_of_credit",
            true,
            false),
        new Failing(
            422,
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"user_id\"],\"msg\":\"Field required\",\"input\":null}]}",
            UNUSABLE,
            "bad_request",
            false,
            false),
        new Failing(
            429,
            detail(429, "Too many requests", "请求过多"),
            UNAVAILABLE,
            "rate_limited",
            false,
            false),
        new Failing(404, "{\"detail\":\"Not Found\"}", UNUSABLE, "unusable", false, false),
        new Failing(
            500, detail(500, "Internal error", "内部错误"), UNAVAILABLE, "server_error", false, false),
        new Failing(
            502, detail(502, "Upstream error", "上游错误"), UNAVAILABLE, "server_error", false, false),
        new Failing(
            503, "<html>Service Unavailable</html>", UNAVAILABLE, "server_error", false, false),
        new Failing(
            504, detail(504, "Upstream timeout", "上游超时"), TIMEOUT, "timeout", false, false));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failure_isClassifiedPerTheWirePage(Failing row) {
    vendor.assertFails(provider, row);
  }

  @Test
  void errorMessage_saysStatusAndTheVendorsWords() {
    UpstreamException e =
        vendor.assertFails(
            provider,
            new Failing(
                422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"user_id\"],"
                    + "\"msg\":\"Field required\",\"input\":null}]}",
                UNUSABLE,
                "bad_request",
                false,
                false));
    assertThat(e.getMessage())
        .isEqualTo("backup-tikhub: HTTP 422 \"Field required [\"query\",\"user_id\"]\"");
  }

  @Test
  void innerFailureMessage_quotesTheAppsMsg() {
    UpstreamException e =
        vendor.assertFails(
            provider,
            new Failing(
                200,
                envelope("{\"code\":-1,\"success\":false,\"msg\":\"服务异常\"}"),
                UNUSABLE,
                "unusable",
                false,
                true));
    assertThat(e.getMessage())
        .isEqualTo(
            "backup-tikhub: HTTP 200 whose data reports a failure: code -1, success false \"服务异常\"");
  }
}
