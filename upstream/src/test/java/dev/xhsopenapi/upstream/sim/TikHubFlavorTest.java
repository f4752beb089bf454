package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TikHub flavour's wire: the 15-field envelope, FastAPI errors, each fault in its shape. */
class TikHubFlavorTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.users().getFirst().userId();
  private static final String PATH = "/api/v1/xiaohongshu/app/get_user_notes";
  private static VendorHarness vendor;

  @BeforeAll
  static void start() {
    vendor = new VendorHarness(DATASET, SimFlavor.TIKHUB);
  }

  @AfterAll
  static void stop() {
    vendor.close();
  }

  @BeforeEach
  void clean() throws Exception {
    vendor.clean();
  }

  @Test
  void page_isTheFullEnvelope_withRouterParamsAndTheAppBody_billed() throws Exception {
    String cursor = DATASET.users().getFirst().notes().get(5).id();
    String app = DATASET.page(USER, cursor, 10).bodyText();

    HttpResponse<String> response = vendor.page(USER, cursor);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = VendorHarness.JSON.readTree(response.body());
    assertThat(body.properties().stream().map(Map.Entry::getKey).toList())
        .containsExactly(
            "code",
            "request_id",
            "message",
            "message_zh",
            "support",
            "time",
            "time_stamp",
            "time_zone",
            "docs",
            "cache_message",
            "cache_message_zh",
            "cache_url",
            "router",
            "params",
            "data");
    String requestId = body.path("request_id").asText();
    assertThat(body.path("code").asInt()).isEqualTo(200);
    assertThat(body.path("message").asText()).contains("will incur a charge");
    // 2026-11-28T12:00:00Z is 04:00 in Los Angeles (PST).
    assertThat(body.path("time").asText()).isEqualTo("2026-11-28 04:00:00");
    assertThat(body.path("time_stamp").asLong()).isEqualTo(vendor.clock.instant().getEpochSecond());
    assertThat(body.path("time_zone").asText()).isEqualTo("America/Los_Angeles");
    assertThat(body.path("cache_url").asText())
        .matches(
            "https://cache\\.tikhub\\.io/api/v1/cache/public/"
                + requestId
                + "\\?sign=[0-9a-f]{64}");
    assertThat(body.path("router").asText()).isEqualTo(PATH);
    assertThat(body.path("params").toString())
        .isEqualTo("{\"user_id\":\"" + USER + "\",\"cursor\":\"" + cursor + "\"}");
    assertThat(response.body()).endsWith(",\"data\":" + app + "}");
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  @Test
  void unknownUser_isA200WithTheAppNotFoundBody_billed() throws Exception {
    HttpResponse<String> response = vendor.page("0123456789abcdef01234567", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(VendorHarness.JSON.readTree(response.body()).path("data").path("code").asInt())
        .isEqualTo(SimProtocol.USER_NOT_FOUND_CODE);
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  @Test
  void keyRefusals_andAMissingUserId_areFastApiErrors_unbilled() throws Exception {
    HttpResponse<String> missing = vendor.page(null, USER, "");
    HttpResponse<String> wrong = vendor.page("sk_wrong_key", USER, "");
    HttpResponse<String> noUser = vendor.page(null, "");
    HttpResponse<String> badUser = vendor.page("not-a-user", "");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("{\"detail\":\"Not authenticated\"}");
    assertDetail(wrong, 401, "");
    assertThat(noUser.statusCode()).isEqualTo(422);
    assertThat(noUser.body())
        .isEqualTo(
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"user_id\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}");
    // A malformed user_id reaches Xiaohongshu; its rejection comes back wrapped and billed.
    assertThat(badUser.statusCode()).isEqualTo(200);
    assertThat(VendorHarness.JSON.readTree(badUser.body()).path("data").toString())
        .isEqualTo("{\"code\":-1,\"success\":false,\"msg\":\"参数错误\"}");
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  @Test
  void faults_captchaIs400PleaseRetry_othersAreWrappedBilled_rateLimitIs429() throws Exception {
    vendor.faults("{\"captcha_rate\":1}");
    assertDetail(vendor.page(USER, ""), 400, "Request failed. Please retry.");
    vendor.faults("{\"captcha_rate\":0,\"out_of_credit\":true}");
    assertDetail(vendor.page(USER, ""), 402, "Insufficient balance");
    vendor.faults("{\"out_of_credit\":false,\"rate_limit_calls\":1}");
    // The key's calls so far are forgotten, so that the next one is the first of the window.
    vendor.post(SimProtocol.RESET_PATH, "");
    vendor.page(USER, "");
    HttpResponse<String> limited = vendor.page(USER, "");
    assertDetail(limited, 429, "Rate limit exceeded");
    assertThat(limited.headers().firstValue("Retry-After")).contains("60");
    assertThat(vendor.simulator.billed()).isEqualTo(1);

    vendor.faults("{\"rate_limit_calls\":0}");
    for (List<String> fault :
        List.of(
            List.of("soft_block_rate", "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}"),
            List.of("generic_error_rate", "{\"code\":-1,\"success\":false}"))) {
      vendor.faults("{\"" + fault.get(0) + "\":1}");
      HttpResponse<String> response = vendor.page(USER, "");
      vendor.faults("{\"" + fault.get(0) + "\":0}");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(VendorHarness.JSON.readTree(response.body()).path("data").toString())
          .isEqualTo(fault.get(1));
    }
    vendor.faults("{\"malformed_rate\":1}");
    HttpResponse<String> cut = vendor.page(USER, "");
    assertThat(cut.body()).startsWith("{\"code\":200,\"request_id\":");
    assertThatThrownBy(() -> VendorHarness.JSON.readTree(cut.body()))
        .isInstanceOf(IOException.class);
    assertThat(vendor.simulator.billed()).isEqualTo(4);
  }

  private static void assertDetail(HttpResponse<String> response, int status, String message)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode detail = VendorHarness.JSON.readTree(response.body()).path("detail");
    assertThat(detail.path("code").asInt()).isEqualTo(status);
    assertThat(detail.path("message").asText()).startsWith(message);
    assertThat(detail.path("message_zh").asText()).isNotBlank();
    assertThat(detail.path("request_id").asText()).hasSize(36);
    assertThat(detail.path("router").asText()).isEqualTo(PATH);
    assertThat(detail.path("params").path("user_id").asText()).isEqualTo(USER);
  }
}
