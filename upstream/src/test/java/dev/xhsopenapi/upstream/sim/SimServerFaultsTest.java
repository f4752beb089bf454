package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator fighting back over real HTTP: every fault, the call limit and the admin routes. */
class SimServerFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.sampleUser().orElseThrow().userId();
  private static final SimSigner SIGNER = new SimSigner("faults-test-secret");
  private static final String EMPTY_SUCCESS =
      "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}";
  private static final String NO_FAULTS = SimFaults.NONE.toJson();
  private static final String EMPTY_STATS = "{\"sids\":{},\"keys\":{},\"billed\":0}";

  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private static SimServer server;

  @BeforeAll
  static void start() {
    server = new SimServer(new Simulator(DATASET, SIGNER, SimFaults.NONE, 42, CLOCK), 0).start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void clearFaultsAndStats() throws Exception {
    assertThat(post(SimProtocol.FAULTS_PATH, NO_FAULTS).statusCode()).isEqualTo(200);
    assertThat(post(SimProtocol.RESET_PATH, "").body()).isEqualTo(EMPTY_STATS);
  }

  @Test
  void captcha_atRate1_answers461WithVerifyHeadersAndEmptySuccessBody() throws Exception {
    faults("{\"captcha_rate\":1.0}");

    HttpResponse<String> response = page("session.captcha");

    assertThat(response.statusCode()).isEqualTo(461);
    assertThat(response.headers().firstValue("Verifytype")).contains("102");
    assertThat(response.headers().firstValue("Verifyuuid").orElseThrow())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(response.body()).isEqualTo(EMPTY_SUCCESS);
  }

  @Test
  void softBlock_atRate1_answers200WithEmptyData() throws Exception {
    faults("{\"soft_block_rate\":1}");

    HttpResponse<String> response = page("session.soft");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Verifytype")).isEmpty();
    assertThat(response.body()).isEqualTo(EMPTY_SUCCESS);
  }

  @Test
  void genericError_atRate1_answersCodeMinus1() throws Exception {
    faults("{\"generic_error_rate\":1}");

    HttpResponse<String> response = page("session.generic");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"code\":-1,\"success\":false}");
  }

  @Test
  void malformed_atRate1_answersTheFirstHalfOfTheRealPageAsJson() throws Exception {
    byte[] real = DATASET.page(USER, "", 10).body();
    faults("{\"malformed_rate\":1}");

    HttpResponse<byte[]> response = send(pageRequest("session.broken"), bytes());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.body()).hasSize(real.length / 2);
    assertThat(real).startsWith(response.body());
    assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(IOException.class);
  }

  @Test
  void reset_atRate1_givesTheClientAnIoErrorAndNoStatus() throws Exception {
    faults("{\"reset_rate\":1}");

    assertThatThrownBy(() -> page("session.reset"))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    faults(NO_FAULTS);
    assertThat(page("session.reset").statusCode()).isEqualTo(200);
  }

  @Test
  void timeout_atRate1_makesAOneSecondClientTimeOut() throws Exception {
    faults("{\"timeout_rate\":1}");
    HttpRequest request =
        HttpRequest.newBuilder(pageRequest("session.silent").uri())
            .headers(headerArray("session.silent"))
            .timeout(Duration.ofSeconds(1))
            .build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void expiredSid_answersMinus100_whileAnotherSidGetsItsPage() throws Exception {
    faults("{\"expired_sids\":[\"session.old\"]}");

    HttpResponse<String> expired = page("session.old");
    HttpResponse<String> fresh = page("session.new");

    assertThat(expired.statusCode()).isEqualTo(200);
    assertThat(expired.body())
        .isEqualTo("{\"code\":-100,\"errCode\":-100,\"success\":false,\"msg\":\"登录已过期\"}");
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(fresh.body()).path("data").path("notes")).hasSize(10);
  }

  @Test
  void rateLimit_3Calls_refusesTheFourthUntilTheWindowPasses() throws Exception {
    faults("{\"rate_limit_calls\":3,\"rate_limit_window_s\":60}");
    List<Integer> codes = new ArrayList<>();

    for (int call = 1; call <= 4; call++) {
      codes.add(JSON.readTree(page("session.busy").body()).path("code").asInt());
    }
    String refused = page("session.busy").body();
    int otherSid = JSON.readTree(page("session.calm").body()).path("code").asInt();
    CLOCK.advance(Duration.ofSeconds(60));
    HttpResponse<String> later = page("session.busy");

    assertThat(codes).containsExactly(0, 0, 0, 300013);
    assertThat(refused)
        .isEqualTo(
            "{\"code\":300013,\"success\":false,\"msg\":\"访问频次异常，请勿频繁操作或重启试试\",\"data\":{}}");
    assertThat(otherSid).isZero();
    assertThat(JSON.readTree(later.body()).path("data").path("notes")).hasSize(10);
  }

  @Test
  void badShield_withEveryFaultOn_staysA406() throws Exception {
    faults("{\"captcha_rate\":0.5,\"reset_rate\":0.5,\"expired_sids\":[\"session.bad\"]}");
    HttpRequest.Builder request = HttpRequest.newBuilder(pageRequest("session.bad").uri());
    AppRequests.signedHeaders(new SimSigner("wrong"), AppRequests.query(USER, ""), "session.bad")
        .forEach(request::header);

    assertThat(send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(406);
  }

  @Test
  void postFaults_mergesKeysAndKeepsTheOthers() throws Exception {
    HttpResponse<String> first =
        post(SimProtocol.FAULTS_PATH, "{\"latency_ms\":5,\"captcha_rate\":0.25}");
    HttpResponse<String> second =
        post(SimProtocol.FAULTS_PATH, "{\"expired_sids\":[\"b\",\"a\"],\"rate_limit_calls\":7}");
    HttpResponse<String> read = get(SimProtocol.FAULTS_PATH);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(read.body());
    assertThat(read.body())
        .isEqualTo(
            "{\"latency_ms\":5,\"jitter_ms\":0,\"captcha_rate\":0.25,\"soft_block_rate\":0.0,"
                + "\"generic_error_rate\":0.0,\"malformed_rate\":0.0,\"reset_rate\":0.0,"
                + "\"timeout_rate\":0.0,\"expired_sids\":[\"a\",\"b\"],\"rate_limit_calls\":7,"
                + "\"rate_limit_window_s\":60,\"out_of_credit\":false,"
                + "\"justoneapi_http_status\":\"always_200\"}");
  }

  @Test
  void postFaults_withBadValues_answers400AndChangesNothing() throws Exception {
    faults("{\"captcha_rate\":0.1}");
    Map<String, String> refusals =
        Map.of(
            "{\"captcha_rate\":1.5}", "captcha_rate must be 0.0 to 1.0, got 1.5",
            "{\"captcha_rate\":\"0.1\"}", "captcha_rate must be a number",
            "{\"latency_ms\":-1}", "latency_ms must be 0 to 600000 ms, got -1",
            "{\"jitter_ms\":2.5}", "jitter_ms must be a whole number",
            "{\"expired_sids\":\"s\"}", "expired_sids must be an array of sid strings",
            "{\"rate_limit_window_s\":0}", "rate_limit_window_s must be a whole number of seconds",
            "{\"nope\":1}", "unknown fault key 'nope'; the keys are latency_ms, jitter_ms,",
            "{\"reset_rate\":0.95}", "must add up to at most 1.0",
            "[1]", "must be a JSON object",
            "{\"captcha", "the body is not JSON");

    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      HttpResponse<String> response = post(SimProtocol.FAULTS_PATH, refusal.getKey());
      assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(400);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("error").asText()).isEqualTo("invalid_faults");
      assertThat(body.path("message").asText()).as(refusal.getKey()).contains(refusal.getValue());
    }
    assertThat(JSON.readTree(get(SimProtocol.FAULTS_PATH).body()).path("captcha_rate").asDouble())
        .isEqualTo(0.1);
  }

  @Test
  void captchaAtRate02_over500Calls_isNearOneInFiveAndTheSameAfterAReset() throws Exception {
    faults("{\"captcha_rate\":0.2}");

    List<Integer> first = statuses(500);
    post(SimProtocol.RESET_PATH, "");
    List<Integer> second = statuses(500);

    long captchas = first.stream().filter(status -> status == 461).count();
    assertThat(captchas).isBetween(70L, 130L);
    assertThat(first).containsOnly(200, 461);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void latencyAndJitter_delayEveryAppAnswerAtLeastTheLatency() throws Exception {
    faults("{\"latency_ms\":150,\"jitter_ms\":100,\"generic_error_rate\":1}");

    long start = System.nanoTime();
    HttpResponse<String> response = page("session.slow");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.body()).isEqualTo("{\"code\":-1,\"success\":false}");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void reset_clearsTheStats() throws Exception {
    page("session.counted");
    assertThat(
            JSON.readTree(get(SimProtocol.STATS_PATH).body()).path("sids").has("session.counted"))
        .isTrue();

    HttpResponse<String> reset = post(SimProtocol.RESET_PATH, "");

    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(get(SimProtocol.STATS_PATH).body()).isEqualTo(EMPTY_STATS);
  }

  @Test
  void stop_releasesARequestHeldByTheTimeoutFault() throws Exception {
    Simulator silent =
        new Simulator(DATASET, SIGNER, SimFaults.NONE.merge("{\"timeout_rate\":1}"), CLOCK);
    CompletableFuture<HttpResponse<String>> pending;
    try (SimServer held = new SimServer(silent, 0).start()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
              URI.create(
                  held.uri() + SimProtocol.USER_POSTED_PATH + "?" + AppRequests.query(USER, "")));
      request.headers(headerArray("session.held"));
      // A client of its own: on a connection reused from the shared pool, the JDK client would
      // take the close as a stale connection and silently send the request again.
      pending =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
      // Stop only once the request is held, however slow the machine is: counted is not enough,
      // a stop between the count and the hold would not be the case under test.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (held.heldRequests() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(held.heldRequests()).isEqualTo(1);
      assertThat(pending).isNotDone();
    }

    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  private static List<Integer> statuses(int calls) throws Exception {
    List<Integer> statuses = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      statuses.add(page("session.share").statusCode());
    }
    return statuses;
  }

  private static void faults(String update) throws Exception {
    HttpResponse<String> response = post(SimProtocol.FAULTS_PATH, update);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static HttpResponse<String> page(String sid) throws IOException, InterruptedException {
    return send(pageRequest(sid), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest pageRequest(String sid) {
    return HttpRequest.newBuilder(
            uri(SimProtocol.USER_POSTED_PATH + "?" + AppRequests.query(USER, "")))
        .headers(headerArray(sid))
        .build();
  }

  /** The signed App headers of a first-page request as name, value pairs. */
  private static String[] headerArray(String sid) {
    List<String> pairs = new ArrayList<>();
    AppRequests.signedHeaders(SIGNER, AppRequests.query(USER, ""), sid)
        .forEach(
            (name, value) -> {
              pairs.add(name);
              pairs.add(value);
            });
    return pairs.toArray(String[]::new);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse.BodyHandler<byte[]> bytes() {
    return HttpResponse.BodyHandlers.ofByteArray();
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return HTTP.send(request, body);
  }

  private static URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }
}
