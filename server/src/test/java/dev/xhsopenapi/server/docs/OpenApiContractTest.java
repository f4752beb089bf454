package dev.xhsopenapi.server.docs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker behind every HTTP test: it must catch each kind of drift, or it proves nothing. */
class OpenApiContractTest {
  private static final String NOTES =
      "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id=5df8fee200000000c76a02ae";
  private static final String ID = "0b8d1c1e-4a7e-4f7e-9d35-2f1c8a6e5b10";
  private static final String PAGE =
      "{\"code\":200,\"request_id\":\""
          + ID
          + "\",\"data\":{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\"\","
          + "\"has_more\":false,\"notes\":[]}}}";
  private static final Map<String, List<String>> PAGE_HEADERS =
      Map.ofEntries(
          Map.entry("content-type", List.of("application/json; charset=utf-8")),
          Map.entry("x-request-id", List.of(ID)),
          Map.entry("x-cache", List.of("MISS")),
          Map.entry("x-credits-charged", List.of("1")),
          Map.entry("x-credits-remaining", List.of("99")),
          Map.entry("x-ratelimit-limit", List.of("300")),
          Map.entry("x-ratelimit-remaining", List.of("299")),
          Map.entry("x-ratelimit-reset", List.of("60")),
          Map.entry("ratelimit-policy", List.of("\"default\";q=300;w=60")),
          Map.entry("ratelimit", List.of("\"default\";r=299;t=60")));

  private final OpenApiContract contract = OpenApiContract.shared();

  @Test
  void check_documentedPage_passes() {
    assertThatCode(() -> contract.check("GET", URI.create(NOTES), 200, PAGE_HEADERS, PAGE))
        .doesNotThrowAnyException();
  }

  @Test
  void check_notesUnderNoteList_withUnknownFields_pass() {
    String note =
        "{\"id\":\"62c3ef0f00000001aae90192\",\"type\":\"video\",\"title\":\"t\","
            + "\"liked_count\":\"9.7万\",\"sticky\":false,\"cover\":{\"url\":\"u\"},"
            + "\"xsec_token\":\"AB\"}";
    String body = PAGE.replace("\"notes\":[]", "\"note_list\":[" + note + "]");
    assertThatCode(() -> contract.check("GET", URI.create(NOTES), 200, PAGE_HEADERS, body))
        .doesNotThrowAnyException();
  }

  @Test
  void check_whenANoteMissesARequiredField_pointsAtIt() {
    String body = PAGE.replace("\"notes\":[]", "\"notes\":[{\"id\":\"62c3ef0f00000001aae90192\"}]");
    assertThatThrownBy(() -> contract.check("GET", URI.create(NOTES), 200, PAGE_HEADERS, body))
        .hasMessageContaining("body at /data/data/notes/0")
        .hasMessageContaining("type");
  }

  @Test
  void check_whenAnErrorCarriesData_fails() {
    String body =
        "{\"code\":404,\"request_id\":\""
            + ID
            + "\",\"error\":\"not_found\",\"message\":\"there is no endpoint at /x\",\"data\":{}}";
    Map<String, List<String>> headers =
        Map.of("content-type", List.of("application/json"), "x-request-id", List.of(ID));
    assertThatThrownBy(() -> contract.check("GET", URI.create("/x"), 404, headers, body))
        .hasMessageContaining("body at /data");
  }

  @Test
  void check_whenARequiredHeaderIsMissing_namesIt() {
    Map<String, List<String>> headers = new java.util.HashMap<>(PAGE_HEADERS);
    headers.remove("x-cache");
    assertThatThrownBy(() -> contract.check("GET", URI.create(NOTES), 200, headers, PAGE))
        .hasMessageContaining("header X-Cache is required and missing");
  }

  @Test
  void check_whenAHeaderValueBreaksItsSchema_saysSo() {
    Map<String, List<String>> headers = new java.util.HashMap<>(PAGE_HEADERS);
    headers.put("x-ratelimit-remaining", List.of("-1"));
    assertThatThrownBy(() -> contract.check("GET", URI.create(NOTES), 200, headers, PAGE))
        .hasMessageContaining("header X-RateLimit-Remaining '-1'");
  }

  @Test
  void check_whenTheBodyBreaksTheSchema_pointsAtTheField() {
    String body = PAGE.replace("\"has_more\":false", "\"has_more\":\"no\"");
    assertThatThrownBy(() -> contract.check("GET", URI.create(NOTES), 200, PAGE_HEADERS, body))
        .hasMessageContaining("body at /data/data/has_more");
  }

  @Test
  void check_undocumentedStatus_fails() {
    assertThatThrownBy(() -> contract.check("GET", URI.create(NOTES), 418, PAGE_HEADERS, PAGE))
        .hasMessageContaining("status 418 is not documented");
  }

  @Test
  void check_templatedAdminPath_resolvesItsSchema() {
    String body = "{\"account_id\":\"acc_x\",\"name\":\"a\",\"balance\":-1}";
    Map<String, List<String>> headers =
        Map.of("content-type", List.of("application/json"), "x-request-id", List.of(ID));
    assertThatThrownBy(
            () -> contract.check("GET", URI.create("/admin/v1/accounts/acc_x"), 200, headers, body))
        .hasMessageContaining("body at /balance")
        .hasMessageContaining("required property 'keys'");
  }

  @Test
  void check_unknownPath_mustBeTheErrorBody() {
    String body =
        "{\"code\":404,\"request_id\":\""
            + ID
            + "\",\"error\":\"not_found\",\"message\":\"there is no endpoint at /x\",\"data\":null}";
    Map<String, List<String>> headers =
        Map.of("content-type", List.of("application/json"), "x-request-id", List.of(ID));
    assertThatCode(() -> contract.check("GET", URI.create("/x"), 404, headers, body))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> contract.check("GET", URI.create("/x"), 200, headers, "{}"))
        .hasMessageContaining("must answer 404 or 405");
  }
}
