package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, on an ephemeral port. */
class SimServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.sampleUser().orElseThrow().userId();
  private static final SimSigner SIGNER = new SimSigner("server-test-secret");

  private static SimServer server;

  @BeforeAll
  static void start() {
    Simulator simulator = new Simulator(DATASET, SIGNER, SimFaults.NONE, Clock.systemUTC());
    server = new SimServer(simulator, 0).start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void get_whenSigned_answersThePage() throws Exception {
    HttpResponse<String> response =
        get(AppRequests.query(USER, ""), signed(USER, "", "session.page"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .contains("application/json; charset=utf-8");
    JsonNode data = JSON.readTree(response.body()).path("data");
    assertThat(data.path("notes")).hasSize(10);
    assertThat(data.path("notes").get(0).path("sticky").asBoolean()).isTrue();
    assertThat(data.path("has_more").asBoolean()).isTrue();
  }

  @Test
  void get_withMissingOrWrongShield_answers406() throws Exception {
    String query = AppRequests.query(USER, "");
    Map<String, String> headers = signed(USER, "", "session.forger");
    Map<String, String> wrong = new HashMap<>(headers);
    wrong.put(
        "shield",
        new SimSigner("another secret")
            .shield(
                SignInput.get(
                    SimProtocol.USER_POSTED_PATH,
                    query,
                    headers.get("xy-common-params"),
                    AppRequests.PLATFORM_INFO)));
    Map<String, String> missing = new HashMap<>(headers);
    missing.remove("shield");

    for (Map<String, String> attempt : List.of(wrong, missing)) {
      HttpResponse<String> response = get(query, attempt);
      assertThat(response.statusCode()).isEqualTo(406);
      assertThat(response.body()).isEqualTo("{\"code\":-1,\"success\":false,\"msg\":\"签名校验失败\"}");
    }
  }

  @Test
  void sign_thenGet_roundTripsOverHttp() throws Exception {
    String query = AppRequests.query(USER, "") + "&extra=%E4%B8%AD%2F";
    String common = AppRequests.commonParams("session.signed");
    String signRequest =
        JSON.writeValueAsString(
            Map.of(
                "method",
                "GET",
                "path",
                SimProtocol.USER_POSTED_PATH,
                "query",
                query,
                "headers",
                Map.of("xy-common-params", common, "xy-platform-info", AppRequests.PLATFORM_INFO),
                "body",
                ""));

    HttpResponse<String> signed = post(SimProtocol.SIGN_PATH, signRequest);
    String shield = JSON.readTree(signed.body()).path("headers").path("shield").asText();
    HttpResponse<String> page =
        get(
            query,
            Map.of(
                "xy-common-params",
                common,
                "xy-platform-info",
                AppRequests.PLATFORM_INFO,
                "shield",
                shield));

    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(page.statusCode()).isEqualTo(200);
  }

  @Test
  void sign_withMalformedBody_answers400Json() throws Exception {
    HttpResponse<String> response = post(SimProtocol.SIGN_PATH, "{\"method\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void stats_countCallsPerSid() throws Exception {
    get(AppRequests.query(USER, ""), signed(USER, "", "session.stats1"));
    get(AppRequests.query(USER, ""), signed(USER, "", "session.stats1"));
    get(AppRequests.query(USER, ""), signed(USER, "", "session.stats2"));

    JsonNode sids =
        JSON.readTree(send(HttpRequest.newBuilder(uri(SimProtocol.STATS_PATH)).build()).body())
            .path("sids");

    assertThat(sids.path("session.stats1").path("calls").asLong()).isEqualTo(2);
    assertThat(sids.path("session.stats1").path("at_ms")).hasSize(2);
    assertThat(sids.path("session.stats2").path("calls").asLong()).isEqualTo(1);
  }

  @Test
  void get_forUnknownUser_answersTheNotFoundBody() throws Exception {
    String unknown = "0123456789abcdef01234567";

    HttpResponse<String> response =
        get(AppRequests.query(unknown, ""), signed(unknown, "", "session.nf"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"code\":-10000,\"success\":false,\"msg\":\"用户不存在\",\"data\":{}}");
  }

  @Test
  void get_withBadUserId_answers400() throws Exception {
    HttpResponse<String> response =
        get(AppRequests.query("not-hex", ""), signed("not-hex", "", "session.bad"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"code\":-1,\"success\":false,\"msg\":\"参数错误\"}");
  }

  @Test
  void get_unknownPathAndUserList_answerJson() throws Exception {
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/sns/v1/nothing")).build());
    HttpResponse<String> users = send(HttpRequest.newBuilder(uri(SimProtocol.USERS_PATH)).build());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("not_found");
    assertThat(JSON.readTree(users.body()).path("users")).hasSize(40);
  }

  @Test
  void get_withLatency_waitsBeforeAnswering() throws Exception {
    Simulator slow = new Simulator(DATASET, SIGNER, SimFaults.latencyMs(300), Clock.systemUTC());
    try (SimServer slowServer = new SimServer(slow, 0).start()) {
      String query = AppRequests.query(USER, "");
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
              URI.create(slowServer.uri() + SimProtocol.USER_POSTED_PATH + "?" + query));
      signed(USER, "", "session.slow").forEach(request::header);

      long start = System.nanoTime();
      HttpResponse<String> response = send(request.build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  private static Map<String, String> signed(String userId, String cursor, String sid) {
    Map<String, String> headers =
        new HashMap<>(AppRequests.signedHeaders(SIGNER, AppRequests.query(userId, cursor), sid));
    headers.remove("X-B3-TraceId");
    return headers;
  }

  private static HttpResponse<String> get(String query, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(SimProtocol.USER_POSTED_PATH + "?" + query));
    headers.forEach(request::header);
    return send(request.build());
  }

  private static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }
}
