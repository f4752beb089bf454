package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JustOneAPI flavour's wire: its envelope, its codes and both HTTP status modes. */
class JustOneApiFlavorTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.users().getFirst().userId();
  private static VendorHarness vendor;

  @BeforeAll
  static void start() {
    vendor = new VendorHarness(DATASET, SimFlavor.JUSTONEAPI);
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
  void page_isTheAppsInnerData_withoutItsCursor_eachNoteCarryingItsId_billed() throws Exception {
    JsonNode app = VendorHarness.JSON.readTree(DATASET.page(USER, "", 10).body()).path("data");

    HttpResponse<String> response = vendor.page(USER, "");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = VendorHarness.JSON.readTree(response.body());
    assertThat(keys(body)).containsExactly("code", "message", "data", "recordTime", "requestId");
    assertThat(body.path("code").isInt()).isTrue();
    assertThat(body.path("code").asInt()).isZero();
    assertThat(body.path("message").isNull()).isTrue();
    assertThat(body.path("recordTime").isNull()).isTrue();
    assertThat(body.path("requestId").asText()).hasSize(36);
    JsonNode data = body.path("data");
    assertThat(keys(data)).containsExactly("has_more", "notes", "tags");
    assertThat(data.path("has_more").asBoolean()).isTrue();
    assertThat(data.path("tags").isArray() && data.path("tags").isEmpty()).isTrue();
    assertThat(data.path("notes")).hasSize(10);
    for (int i = 0; i < 10; i++) {
      ObjectNode note = (ObjectNode) data.path("notes").get(i).deepCopy();
      assertThat(note.path("cursor").asText()).isEqualTo(note.path("id").asText());
      note.remove("cursor");
      assertThat(note).isEqualTo(app.path("notes").get(i));
    }
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  @Test
  void codes_inAlways200Mode_areAllHttp200() throws Exception {
    assertThat(codes()).isEqualTo(expected(false));
  }

  @Test
  void codes_inMappedMode_carryTheMappedHttpStatus() throws Exception {
    vendor.faults("{\"justoneapi_http_status\":\"mapped\"}");

    assertThat(codes()).isEqualTo(expected(true));
  }

  @Test
  void softBlock_isCode0WithEmptyData_unbilled_andMalformedIsCutButBilled() throws Exception {
    vendor.faults("{\"soft_block_rate\":1}");
    HttpResponse<String> soft = vendor.page(USER, "");
    vendor.faults("{\"soft_block_rate\":0,\"malformed_rate\":1}");
    HttpResponse<String> cut = vendor.page(USER, "");

    assertThat(soft.statusCode()).isEqualTo(200);
    JsonNode body = VendorHarness.JSON.readTree(soft.body());
    assertThat(body.path("code").asInt()).isZero();
    assertThat(body.path("data").toString()).isEqualTo("{}");
    assertThat(cut.body()).startsWith("{\"code\":0,\"message\":null,\"data\":{\"has_more\":true");
    assertThatThrownBy(() -> VendorHarness.JSON.readTree(cut.body()))
        .isInstanceOf(IOException.class);
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  /**
   * Each case's code and HTTP status, in order: bad token, unknown user (201, billed), bad user id,
   * captcha (301), bare rejection (500), rate limit (302), empty balance (601).
   */
  private static List<List<Integer>> codes() throws Exception {
    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(vendor.page("wrong-token", USER, ""));
    answers.add(vendor.page("0123456789abcdef01234567", ""));
    answers.add(vendor.page("abc", ""));
    for (String fault : List.of("captcha_rate", "generic_error_rate")) {
      vendor.faults("{\"" + fault + "\":1}");
      answers.add(vendor.page(USER, ""));
      vendor.faults("{\"" + fault + "\":0}");
    }
    // Only the 201 was billed; then the key's calls so far are forgotten, for a fresh window.
    assertThat(vendor.simulator.billed()).isEqualTo(1);
    vendor.post(SimProtocol.RESET_PATH, "");
    vendor.faults("{\"rate_limit_calls\":1}");
    vendor.page(USER, "");
    answers.add(vendor.page(USER, ""));
    vendor.faults("{\"rate_limit_calls\":0,\"out_of_credit\":true}");
    answers.add(vendor.page(USER, ""));
    List<List<Integer>> codes = new ArrayList<>();
    for (HttpResponse<String> answer : answers) {
      JsonNode body = VendorHarness.JSON.readTree(answer.body());
      assertThat(body.path("data").isNull()).as(answer.body()).isTrue();
      codes.add(List.of(body.path("code").asInt(), answer.statusCode()));
    }
    // The page before the rate-limited call.
    assertThat(vendor.simulator.billed()).isEqualTo(1);
    return codes;
  }

  private static List<List<Integer>> expected(boolean mapped) {
    return List.of(
        List.of(100, mapped ? 401 : 200),
        List.of(201, 200),
        List.of(400, mapped ? 400 : 200),
        List.of(301, 200),
        List.of(500, mapped ? 500 : 200),
        List.of(302, mapped ? 429 : 200),
        List.of(601, 200));
  }

  private static List<String> keys(JsonNode node) {
    return node.properties().stream().map(Map.Entry::getKey).toList();
  }
}
