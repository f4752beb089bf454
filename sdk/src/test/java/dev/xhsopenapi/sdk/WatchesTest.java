package dev.xhsopenapi.sdk;

import static dev.xhsopenapi.sdk.WatchServer.USER;
import static dev.xhsopenapi.sdk.WatchServer.error;
import static dev.xhsopenapi.sdk.WatchServer.ok;
import static dev.xhsopenapi.sdk.WatchServer.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch calls (create, list, get, delete, poll now, roll secret) against a scripted gateway.
 */
class WatchesTest {
  private final FakeTime time = new FakeTime();
  private WatchServer server;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = new WatchServer();
    client = client(RetryPolicy.DEFAULT);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private XhsOpenApiClient client(RetryPolicy policy) {
    return XhsOpenApiClient.builder()
        .baseUrl(server.baseUrl())
        .apiKey("sk_live_test")
        .retryPolicy(policy)
        .clock(time)
        .sleeper(time)
        .build();
  }

  private static JsonNode json(RecordedRequest r) throws Exception {
    return Json.MAPPER.readTree(r.getBody().utf8());
  }

  @Test
  void create_postsEveryFieldSet_withTheKey_andReadsTheWatchAndItsSecret() throws Exception {
    String created = watch("wch_1").replace("}", ",\"secret\":\"whsec_abc\"}");
    server.then(201, ok(201, created));

    CreatedWatch answer =
        client
            .watches()
            .create(
                NewWatch.builder(" https://www.xiaohongshu.com/user/profile/" + USER + "?x=1 ")
                    .url("https://hooks.example.com/xhs")
                    .interval(Duration.ofMinutes(30))
                    .maxPagesPerPoll(3)
                    .emitExisting(true)
                    .build());

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk_live_test");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(json(r))
        .isEqualTo(
            Json.MAPPER.readTree(
                "{\"user_id\":\""
                    + USER
                    + "\",\"url\":\"https://hooks.example.com/xhs\",\"interval_s\":1800,"
                    + "\"max_pages_per_poll\":3,\"emit_existing\":true}"));
    assertThat(answer.secret()).isEqualTo("whsec_abc");
    assertThat(answer.toString()).doesNotContain("whsec_abc");
    Watch w = answer.watch();
    assertThat(w.raw().has("secret")).isFalse();
    assertThat(w.id()).isEqualTo("wch_1");
    assertThat(w.userId()).isEqualTo(USER);
    assertThat(w.url()).hasValue("https://hooks.example.com/xhs");
    assertThat(w.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(w.maxPagesPerPoll()).isEqualTo(3);
    assertThat(w.emitExisting()).isTrue();
    assertThat(w.status()).isEqualTo(Watch.Status.ACTIVE);
    assertThat(w.createdAt()).isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
    assertThat(w.lastPollAt()).hasValue(Instant.parse("2026-11-30T11:30:00Z"));
    assertThat(w.nextPollAt()).hasValue(Instant.parse("2026-11-30T12:00:00Z"));
    assertThat(w.lastError()).isEmpty();
    assertThat(w.notesSeen()).isEqualTo(42);
    assertThat(w.failuresInARow()).isZero();
  }

  @Test
  void create_withOnlyTheUser_sendsNoOtherSetting_andAWatchWithoutUrlHasNone() throws Exception {
    String created =
        watch("wch_2")
            .replace("\"https://hooks.example.com/xhs\"", "null")
            .replace("}", ",\"secret\":\"whsec_x\"}");
    server.then(201, ok(201, created));

    CreatedWatch answer = client.watches().create(NewWatch.builder(USER).build());

    assertThat(json(server.take()))
        .isEqualTo(Json.MAPPER.readTree("{\"user_id\":\"" + USER + "\",\"emit_existing\":false}"));
    assertThat(answer.watch().url()).isEmpty();
  }

  @Test
  void create_isNotSentTwice_afterA5xx_whichMightHaveCreatedIt() {
    server.then(503, error(503, "unavailable")).then(201, ok(201, watch("wch_3")));

    ServerException e =
        catchThrowableOfType(
            ServerException.class, () -> client.watches().create(NewWatch.builder(USER).build()));

    assertThat(e.status()).isEqualTo(503);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void create_isNotSentTwice_afterALostAnswer_butAGetIs() {
    server.thenDrop();

    NetworkException e =
        catchThrowableOfType(
            NetworkException.class, () -> client.watches().create(NewWatch.builder(USER).build()));

    assertThat(e.getMessage()).contains("after 1 attempt(s)");
    assertThat(server.requestCount()).isEqualTo(1);
    server.thenDrop().then(200, ok(200, watch("wch_1")));
    assertThat(client.watches().get("wch_1").id()).isEqualTo("wch_1");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void create_isSentAgain_afterA429_asItsRetryAfterSays() {
    String created = watch("wch_4").replace("}", ",\"secret\":\"whsec_y\"}");
    server.thenRateLimited(7).then(201, ok(201, created));

    CreatedWatch answer = client.watches().create(NewWatch.builder(USER).build());

    assertThat(answer.watch().id()).isEqualTo("wch_4");
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(time.sleeps()).contains(Duration.ofSeconds(7));
  }

  @Test
  void create_refused400_isABadRequest_withTheEvidence() {
    server.then(400, error(400, "invalid_param"));

    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class,
            () ->
                client
                    .watches()
                    .create(NewWatch.builder(USER).url("http://10.0.0.1/hook").build()));

    assertThat(e.error()).isEqualTo("invalid_param");
    assertThat(e.requestId()).isEqualTo("req-err");
    assertThat(e.getMessage()).contains("said the test");
  }

  @Test
  void create_withoutTheSecretInTheAnswer_isAMalformedResponse() {
    server.then(201, ok(201, watch("wch_5")));

    XhsOpenApiException e =
        catchThrowableOfType(
            XhsOpenApiException.class,
            () -> client.watches().create(NewWatch.builder(USER).build()));

    assertThat(e.error()).isEqualTo("malformed_response");
    assertThat(e.getMessage()).contains("no secret");
  }

  @Test
  void list_getsTheWatches_oldestFirst_andReadsPausedAndUnknownStatuses() throws Exception {
    String paused =
        watch("wch_2")
            .replace("\"active\"", "\"paused\"")
            .replace("\"last_error\":null", "\"last_error\":\"upstream_unavailable\"")
            .replace("\"failures_in_a_row\":0", "\"failures_in_a_row\":5")
            .replace("\"next_poll_at\":\"2026-11-30T12:00:00Z\"", "\"next_poll_at\":null");
    String future = watch("wch_3").replace("\"active\"", "\"archived\"");
    server.then(
        200, ok(200, "{\"watches\":[" + watch("wch_1") + "," + paused + "," + future + "]}"));

    List<Watch> watches = client.watches().list();

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk_live_test");
    assertThat(watches).extracting(Watch::id).containsExactly("wch_1", "wch_2", "wch_3");
    Watch p = watches.get(1);
    assertThat(p.status()).isEqualTo(Watch.Status.PAUSED);
    assertThat(p.lastError()).hasValue("upstream_unavailable");
    assertThat(p.failuresInARow()).isEqualTo(5);
    assertThat(p.nextPollAt()).isEmpty();
    assertThat(watches.get(2).status()).isEqualTo(Watch.Status.UNKNOWN);
    assertThat(watches.get(2).statusText()).isEqualTo("archived");
  }

  @Test
  void list_withAKeyRefused_isAnAuthenticationException() {
    server.then(401, error(401, "invalid_api_key"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> client.watches().list());

    assertThat(e.error()).isEqualTo("invalid_api_key");
  }

  @Test
  void get_readsOneWatch_byItsPath() throws Exception {
    server.then(200, ok(200, watch("wch_01JX")));

    Watch w = client.watches().get("wch_01JX");

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches/wch_01JX");
    assertThat(w.id()).isEqualTo("wch_01JX");
  }

  @Test
  void get_ofAnotherAccountsWatch_isNotFound_watchNotFound() {
    server.then(404, error(404, "watch_not_found"));

    NotFoundException e =
        catchThrowableOfType(NotFoundException.class, () -> client.watches().get("wch_9"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.error()).isEqualTo("watch_not_found");
    assertThat(e.requestId()).isEqualTo("req-err");
  }

  @Test
  void get_ofAWatchWithAMissingField_isAMalformedResponse() {
    server.then(200, ok(200, watch("wch_1").replace("\"interval_s\":1800,", "")));

    XhsOpenApiException e =
        catchThrowableOfType(XhsOpenApiException.class, () -> client.watches().get("wch_1"));

    assertThat(e.error()).isEqualTo("malformed_response");
    assertThat(e.getMessage()).contains("interval_s");
  }

  @Test
  void delete_sendsDelete_andTakesThe204WithoutABody() throws Exception {
    server.then(204, null);

    client.watches().delete("wch_1");

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches/wch_1");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk_live_test");
  }

  @Test
  void delete_ofAnUnknownWatch_isNotFound() {
    server.then(404, error(404, "watch_not_found"));

    assertThatThrownBy(() -> client.watches().delete("wch_1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("watch_not_found");
  }

  @Test
  void pollNow_postsToPoll_withoutABody_andReadsThe202() throws Exception {
    server.then(202, ok(202, watch("wch_1")));

    Watch w = client.watches().pollNow("wch_1");

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches/wch_1/poll");
    assertThat(r.getBodySize()).isZero();
    assertThat(w.id()).isEqualTo("wch_1");
  }

  @Test
  void pollNow_whenTheAccountIsSuspended_isForbidden() {
    server.then(403, error(403, "account_suspended"));

    ForbiddenException e =
        catchThrowableOfType(ForbiddenException.class, () -> client.watches().pollNow("wch_1"));

    assertThat(e.error()).isEqualTo("account_suspended");
  }

  @Test
  void rollSecret_postsTheGracePeriod_andReadsTheNewSecretAndWhenTheOldStops() throws Exception {
    server.then(
        200,
        ok(
            200,
            "{\"watch_id\":\"wch_1\",\"secret\":\"whsec_new\","
                + "\"old_secret_expires_at\":\"2026-11-30T13:00:00Z\"}"));

    RolledSecret rolled = client.watches().rollSecret("wch_1", Duration.ofHours(1));

    RecordedRequest r = server.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/openapi/v1/watches/wch_1/roll_secret");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk_live_test");
    assertThat(json(r)).isEqualTo(Json.MAPPER.readTree("{\"expire_old_in_s\":3600}"));
    assertThat(rolled.watchId()).isEqualTo("wch_1");
    assertThat(rolled.secret()).isEqualTo("whsec_new");
    assertThat(rolled.oldSecretExpiresAt()).contains(Instant.parse("2026-11-30T13:00:00Z"));
    assertThat(rolled.toString()).doesNotContain("whsec_new").contains("secret hidden");
  }

  @Test
  void rollSecret_withoutAGracePeriod_sendsNoBody_andTheOldSecretStopsAtOnce() throws Exception {
    String answer =
        "{\"watch_id\":\"wch_1\",\"secret\":\"whsec_n\",\"old_secret_expires_at\":null}";
    server.then(200, ok(200, answer)).then(200, ok(200, answer));

    assertThat(client.watches().rollSecret("wch_1", null).oldSecretExpiresAt()).isEmpty();
    assertThat(server.take().getBodySize()).isZero();
    assertThat(client.watches().rollSecret("wch_1", Duration.ZERO).secret()).isEqualTo("whsec_n");
    assertThat(server.take().getBodySize()).isZero();
  }

  @Test
  void rollSecret_isNotSentTwice_afterA5xx_whichMightHaveRolledIt() {
    server.then(503, error(503, "unavailable")).then(200, ok(200, "{}"));

    ServerException e =
        catchThrowableOfType(
            ServerException.class, () -> client.watches().rollSecret("wch_1", Duration.ZERO));

    assertThat(e.status()).isEqualTo(503);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void rollSecret_refusals_areTyped_andBadArgumentsSendNothing() {
    server.then(404, error(404, "watch_not_found")).then(400, error(400, "invalid_param"));

    assertThatThrownBy(() -> client.watches().rollSecret("wch_1", null))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("watch_not_found");
    assertThatThrownBy(() -> client.watches().rollSecret("wch_1", Duration.ofSeconds(5)))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.watches().rollSecret("wch_1", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expireOld");
    assertThatThrownBy(
            () -> client.watches().rollSecret("wch_1", Duration.ofDays(1).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.watches().rollSecret("wch_1", Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.watches().rollSecret("nope", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void rollSecret_withoutTheSecretInTheAnswer_isAMalformedResponse() {
    server.then(200, ok(200, "{\"watch_id\":\"wch_1\",\"old_secret_expires_at\":null}"));

    XhsOpenApiException e =
        catchThrowableOfType(
            XhsOpenApiException.class, () -> client.watches().rollSecret("wch_1", null));

    assertThat(e.error()).isEqualTo("malformed_response");
    assertThat(e.getMessage()).contains("no secret");
  }

  @Test
  void aRateLimitThatOutlastsTheRetries_isRateLimited() {
    client.close();
    client = client(RetryPolicy.NONE);
    server.thenRateLimited(30);

    RateLimitedException e =
        catchThrowableOfType(RateLimitedException.class, () -> client.watches().get("wch_1"));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void watchIds_areCheckedBeforeAnyRequest() {
    Watches watches = client.watches();

    assertThatThrownBy(() -> watches.get(USER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with wch_")
        .hasMessageContaining(USER);
    assertThatThrownBy(() -> watches.delete("wch_../../account"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> watches.pollNow("wch_")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> watches.events("evt_1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requestCount()).isZero();
  }
}
