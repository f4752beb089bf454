package dev.xhsopenapi.upstream.vendor;

import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNAVAILABLE;
import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNUSABLE;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.CURSOR;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.KEY;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.USER;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.fetch;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Requests;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.vendor.VendorFixture.Failing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JustOneApiProviderTest {
  private static final String FIRST = "6650a1b2000000001e00abcd";
  private static final String LAST = "6650a1b2000000001e00abce";

  /** The v4 notes data [C.5]: no cursor of its own, each note carrying one; odd spacing kept. */
  private static final String NOTES =
      "{\"has_more\":true, \"notes\":[{\"id\":\""
          + FIRST
          + "\",\"cursor\":\""
          + FIRST
          + "\",\"title\":\"周末露营 😀\",\"user\":{\"id\":\"u\",\"cursor\":\"no\"}},{\"cursor\":\""
          + LAST
          + "\",\"id\":\""
          + LAST
          + "\",\"likes\":1.50}],\"tags\":[] }";

  private static final String WRAPPER = "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":";

  private VendorFixture vendor;
  private VendorProvider provider;

  @BeforeEach
  void start() throws Exception {
    vendor = new VendorFixture(VendorKind.JUSTONEAPI);
    provider = vendor.provider(Map.of());
  }

  @AfterEach
  void stop() {
    provider.close();
    vendor.close();
  }

  /** The envelope of [C.2] with {@code code} and {@code data} as given. */
  static String envelope(String code, String data) {
    return "{\"code\":"
        + code
        + ",\"message\":null,\"data\":"
        + data
        + ",\"recordTime\":null,\"requestId\":\"0d6f3c1e-1111-4222-8333-944445555666\"}";
  }

  static String failure(int code, String message) {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":null}";
  }

  @Test
  void request_isTheV4PathWithTheTokenFirst_andNoAuthorizationHeader() throws Exception {
    vendor.answer(200, envelope("0", NOTES));
    fetch(provider, CURSOR);
    RecordedRequest request = vendor.request();
    assertThat(request.getTarget())
        .isEqualTo(
            "/api/xiaohongshu/get-user-note-list/v4?token="
                + KEY
                + "&userId="
                + USER
                + "&lastCursor="
                + CURSOR);
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().toString()).doesNotContain(KEY);
  }

  @Test
  void request_forTheFirstPage_hasNoLastCursor() throws Exception {
    vendor.answer(200, envelope("0", NOTES));
    fetch(provider, "");
    assertThat(vendor.request().getTarget())
        .isEqualTo("/api/xiaohongshu/get-user-note-list/v4?token=" + KEY + "&userId=" + USER);
  }

  @Test
  void request_encodesTheValues() throws Exception {
    vendor.answer(200, envelope("0", NOTES));
    provider.fetch(Requests.notes("a b&c=ü", ""), VendorFixture.call());
    assertThat(vendor.request().getUrl().queryParameter("userId")).isEqualTo("a b&c=ü");
  }

  @Test
  void operations_areThoseWithAnEquivalent() {
    assertThat(provider.operations())
        .isEqualTo(Set.of(Operation.USER_NOTES, Operation.NOTE_INFO, Operation.SEARCH_USERS));
  }

  @Test
  void ok_isWrappedAsTheAppBody_withTheLastNotesCursorAdded_andBilledOnce() throws Exception {
    vendor.answer(200, envelope("0", NOTES));
    UpstreamAnswer answer = fetch(provider, "");
    String expectedData = NOTES.substring(0, NOTES.length() - 1) + ",\"cursor\":\"" + LAST + "\"}";
    assertThat(text(answer)).isEqualTo(WRAPPER + expectedData + "}");
    assertThat(vendor.billed).containsExactly("backup-justoneapi req-1");
    assertThat(
            Operation.USER_NOTES
                .rule()
                .refusal(Requests.notes(USER, ""), text(answer).getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void ok_onTheLastPage_isWrappedWithItsBytesUnchanged() throws Exception {
    String last = NOTES.replace("\"has_more\":true", "\"has_more\":false");
    vendor.answer(200, envelope("0", last));
    assertThat(text(fetch(provider, CURSOR))).isEqualTo(WRAPPER + last + "}");
  }

  @Test
  void ok_whoseNotesHaveNoCursor_takesTheLastNotesId() throws Exception {
    String data =
        "{\"has_more\":true,\"notes\":[{\"id\":\"" + FIRST + "\"},{\"id\":\"" + LAST + "\"}]}";
    vendor.answer(200, envelope("0", data));
    assertThat(text(fetch(provider, "")))
        .isEqualTo(
            WRAPPER
                + "{\"has_more\":true,\"notes\":[{\"id\":\""
                + FIRST
                + "\"},{\"id\":\""
                + LAST
                + "\"}],\"cursor\":\""
                + LAST
                + "\"}}");
  }

  @Test
  void ok_withACursorOfItsOwn_isLeftAsItIs() throws Exception {
    String data = "{\"cursor\":\"c1\",\"has_more\":true,\"notes\":[{\"id\":\"" + LAST + "\"}]}";
    vendor.answer(200, envelope("0", data));
    assertThat(text(fetch(provider, ""))).isEqualTo(WRAPPER + data + "}");
  }

  @Test
  void ok_withMoreButNoNotes_addsNothing_andTheRuleRefusesIt() throws Exception {
    String data = "{\"has_more\":true,\"notes\":[]}";
    vendor.answer(200, envelope("0", data));
    String body = text(fetch(provider, ""));
    assertThat(body).isEqualTo(WRAPPER + data + "}");
    assertThat(
            Operation.USER_NOTES
                .rule()
                .refusal(Requests.notes(USER, ""), body.getBytes(StandardCharsets.UTF_8)))
        .isPresent();
  }

  @Test
  void doesNotExist_201_isDefinitive_andBilled() throws Exception {
    vendor.answer(200, failure(201, "No Content Available"));
    assertThat(fetch(provider, "")).isEqualTo(new UpstreamAnswer.NotFound("backup-justoneapi"));
    assertThat(vendor.billed).hasSize(1);
  }

  static Stream<Failing> failures() {
    return Stream.of(
        // A failed collection disguised as success [J8]: not billed.
        new Failing(200, envelope("0", "{}"), UNUSABLE, "unusable", false, false),
        new Failing(200, envelope("0", "{ }"), UNUSABLE, "unusable", false, false),
        new Failing(200, envelope("0", "null"), UNUSABLE, "unusable", false, false),
        new Failing(200, envelope("0", "[]"), UNUSABLE, "unusable", false, false),
        new Failing(200, "{\"code\":0,\"message\":\"\"}", UNUSABLE, "unusable", false, false),
        // Code 0 with data that is not a page: billed (the vendor bills by code).
        new Failing(200, envelope("0", "42"), UNUSABLE, "unusable", false, true),
        // A body broken off after a billed code: billed; before any code: not.
        new Failing(200, envelope("0", NOTES).substring(0, 60), UNUSABLE, "unusable", false, true),
        new Failing(200, "{\"message\":null,\"data\":{\"has", UNUSABLE, "unusable", false, false),
        // The SDK's rule: only the integer 0 is success [J3].
        new Failing(200, envelope("\"0\"", NOTES), UNUSABLE, "unusable", false, false),
        // The codes of [C.3], under the always-200 statuses [J6] …
        new Failing(200, failure(100, "invalid token"), UNAVAILABLE, "auth", true, false),
        new Failing(
            200, failure(301, "Collection Failed. Please Retry."), UNUSABLE, "retry", false, false),
        new Failing(
            200, failure(302, "Rate Limit Exceeded"), UNAVAILABLE, "rate_limited", false, false),
        new Failing(200, failure(303, "Daily Quota Exceeded"), UNAVAILABLE, "quota", true, false),
        new Failing(200, failure(400, "Invalid Parameters"), UNUSABLE, "bad_request", false, false),
        new Failing(
            200, failure(500, "Internal Server Error"), UNAVAILABLE, "server_error", false, false),
        new Failing(
            200, failure(503, "Service Unavailable"), UNAVAILABLE, "server_error", false, false),
        new Failing(200, failure(600, "Permission Denied"), UNAVAILABLE, "auth", true, false),
        new Failing(
            200, failure(601, "Insufficient Balance"), UNAVAILABLE, "out_of_credit", true, false),
        new Failing(
            200, failure(602, "TOKEN spending limit"), UNAVAILABLE, "out_of_credit", true, false),
        new Failing(200, failure(101, "?"), UNUSABLE, "unusable", false, false),
        // … and under the mapped statuses [J1, J3]: the code decides, not the status.
        new Failing(401, failure(100, "invalid token"), UNAVAILABLE, "auth", true, false),
        new Failing(400, failure(400, "Invalid Parameters"), UNUSABLE, "bad_request", false, false),
        new Failing(403, failure(600, "Permission Denied"), UNAVAILABLE, "auth", true, false),
        new Failing(
            429, failure(302, "Rate Limit Exceeded"), UNAVAILABLE, "rate_limited", false, false),
        new Failing(429, failure(303, "Daily Quota Exceeded"), UNAVAILABLE, "quota", true, false),
        new Failing(
            500, failure(500, "Internal Server Error"), UNAVAILABLE, "server_error", false, false),
        new Failing(
            503, failure(503, "Service Unavailable"), UNAVAILABLE, "server_error", false, false),
        // No envelope: the HTTP status decides, not billed.
        new Failing(502, "<html>Bad Gateway</html>", UNAVAILABLE, "server_error", false, false),
        new Failing(401, "{\"error\":\"unauthorized\"}", UNAVAILABLE, "auth", true, false),
        new Failing(200, "<html>ok</html>", UNUSABLE, "unusable", false, false));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failure_isClassifiedByTheCode(Failing row) {
    vendor.assertFails(provider, row);
  }

  @Test
  void errorMessage_saysCodeStatusMeaningAndMessage_neverTheToken() {
    UpstreamException e =
        vendor.assertFails(
            provider,
            new Failing(
                401, failure(100, "invalid token " + KEY), UNAVAILABLE, "auth", true, false));
    assertThat(e.getMessage())
        .isEqualTo(
            "backup-justoneapi: code 100 (HTTP 401) (invalid or inactive token) \"invalid token"
                + " ***\"");
  }

  @Test
  void emptyDataMessage_saysItWasAFailedCollection() {
    UpstreamException e =
        vendor.assertFails(
            provider, new Failing(200, envelope("0", "{}"), UNUSABLE, "unusable", false, false));
    assertThat(e.getMessage())
        .isEqualTo(
            "backup-justoneapi: code 0 with empty data ({}): a failed collection, not billed");
  }

  @Test
  void configuredPath_thatIsNoUrlPath_isRefusedAtStart() {
    assertThatThrownBy(() -> vendor.provider(Map.of("xhs-get-user-notes", "/a b?x=1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xhs-get-user-notes")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void configuredPath_replacesTheV4Path() throws Exception {
    try (VendorProvider p = vendor.provider(Map.of("xhs-get-user-notes", "/api/v5/notes"))) {
      vendor.answer(200, envelope("0", NOTES));
      fetch(p, "");
      assertThat(vendor.request().getUrl().encodedPath()).isEqualTo("/api/v5/notes");
    }
  }
}
