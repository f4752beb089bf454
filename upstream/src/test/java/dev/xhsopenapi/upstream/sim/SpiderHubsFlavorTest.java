package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SpiderHubs flavour's wire: its envelope, its errors, and each fault in its shape. */
class SpiderHubsFlavorTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.users().getFirst().userId();
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static VendorHarness vendor;

  @BeforeAll
  static void start() {
    vendor = new VendorHarness(DATASET, SimFlavor.SPIDERHUBS);
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
  void page_isTheAppBodyInTheThreeKeyEnvelope_billed() throws Exception {
    String app = DATASET.page(USER, "", 10).bodyText();

    HttpResponse<String> response = vendor.page(USER, "");

    assertThat(response.statusCode()).isEqualTo(200);
    String requestId = VendorHarness.JSON.readTree(response.body()).path("request_id").asText();
    assertThat(requestId).matches(UUID_PATTERN);
    assertThat(response.body())
        .isEqualTo("{\"code\":200,\"request_id\":\"" + requestId + "\",\"data\":" + app + "}");
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  @Test
  void keyRefusals_unknownUser_andBadParameters_areErrorsWithTheirCodes_unbilled()
      throws Exception {
    assertError(vendor.page(null, USER, ""), 401, "invalid_api_key");
    assertError(vendor.page("sk_live_wrong", USER, ""), 401, "invalid_api_key");
    assertError(vendor.page("0123456789abcdef01234567", ""), 404, "user_not_found");
    assertError(vendor.page("not-a-user", ""), 400, "invalid_param");
    assertError(vendor.page(null, ""), 400, "invalid_param");
    assertThat(vendor.simulator.billed()).isZero();
  }

  @Test
  void faults_captchaIs502_softBlockAndRejectionArePassedOnBilled_malformedIsCut()
      throws Exception {
    vendor.faults("{\"captcha_rate\":1}");
    assertError(vendor.page(USER, ""), 502, "upstream_error");
    assertThat(vendor.simulator.billed()).isZero();

    for (List<String> fault :
        List.of(
            List.of("soft_block_rate", "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}"),
            List.of("generic_error_rate", "{\"code\":-1,\"success\":false}"))) {
      vendor.faults("{\"captcha_rate\":0,\"" + fault.get(0) + "\":1}");
      HttpResponse<String> response = vendor.page(USER, "");
      vendor.faults("{\"" + fault.get(0) + "\":0}");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(VendorHarness.JSON.readTree(response.body()).path("data").toString())
          .isEqualTo(fault.get(1));
    }
    assertThat(vendor.simulator.billed()).isEqualTo(2);

    vendor.faults("{\"malformed_rate\":1}");
    HttpResponse<String> cut = vendor.page(USER, "");
    assertThat(cut.statusCode()).isEqualTo(200);
    assertThat(cut.body()).startsWith("{\"code\":200,\"request_id\":\"");
    assertThatThrownBy(() -> VendorHarness.JSON.readTree(cut.body()))
        .isInstanceOf(IOException.class);
    assertThat(vendor.simulator.billed()).isEqualTo(3);
  }

  private static void assertError(HttpResponse<String> response, int status, String error)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = VendorHarness.JSON.readTree(response.body());
    assertThat(body.properties().stream().map(e -> e.getKey()).toList())
        .containsExactly("code", "request_id", "error", "message", "data");
    assertThat(body.path("code").asInt()).isEqualTo(status);
    assertThat(body.path("request_id").asText()).matches(UUID_PATTERN);
    assertThat(body.path("error").asText()).isEqualTo(error);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.path("data").isNull()).isTrue();
  }
}
