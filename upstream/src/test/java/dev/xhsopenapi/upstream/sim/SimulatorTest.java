package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transport-free core: routing, header checks, signing service and call stats. */
class SimulatorTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final String SIGNATURE_REJECTED =
      "{\"code\":-1,\"success\":false,\"msg\":\"签名校验失败\"}";

  private final SimSigner signer = SimSigner.withDefaultSecret();
  private final Simulator simulator =
      new Simulator(DATASET, signer, SimFaults.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
  private final String userId = DATASET.sampleUser().orElseThrow().userId();

  @Test
  void handle_signedPageRequest_answersTheSamePageAsTheCore() {
    SimResponse response =
        response(simulator.handle(AppRequests.signed(signer, "session.a", userId, "")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("content-type", "application/json; charset=utf-8");
    assertThat(response.body()).isEqualTo(response(simulator.userPosted(userId, "", 10)).body());
  }

  @Test
  void handle_withHeaderNamesInAnyCase_acceptsTheSignature() {
    SimRequest signed = AppRequests.signed(signer, "session.a", userId, "");
    Map<String, String> shouting = new HashMap<>();
    signed.headers().forEach((name, value) -> shouting.put(name.toUpperCase(Locale.ROOT), value));

    SimResponse response =
        response(simulator.handle(SimRequest.get(signed.path(), signed.rawQuery(), shouting)));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void handle_withoutSidOrPlatformInfoOrShield_rejectsWith406() {
    SimRequest signed = AppRequests.signed(signer, "session.a", userId, "");

    for (String missing : new String[] {"xy-common-params", "xy-platform-info", "shield"}) {
      Map<String, String> headers = new HashMap<>(signed.headers());
      headers.remove(missing);
      SimResponse response =
          response(simulator.handle(SimRequest.get(signed.path(), signed.rawQuery(), headers)));
      assertThat(response.status()).as("without %s", missing).isEqualTo(406);
      assertThat(response.bodyText()).isEqualTo(SIGNATURE_REJECTED);
    }
    Map<String, String> emptySid = new HashMap<>(signed.headers());
    emptySid.put("xy-common-params", "deviceId=x&sid=&t=1");
    emptySid.put(
        "shield",
        signer.shield(
            SignInput.get(
                signed.path(),
                signed.rawQuery(),
                "deviceId=x&sid=&t=1",
                AppRequests.PLATFORM_INFO)));
    assertThat(
            response(simulator.handle(SimRequest.get(signed.path(), signed.rawQuery(), emptySid)))
                .status())
        .isEqualTo(406);
  }

  @Test
  void handle_whenQueryDiffersFromWhatWasSigned_rejectsWith406() {
    SimRequest signed = AppRequests.signed(signer, "session.a", userId, "");

    SimResponse response =
        response(
            simulator.handle(
                SimRequest.get(
                    signed.path(),
                    signed.rawQuery().replace("num=10", "num=20"),
                    signed.headers())));

    assertThat(response.status()).isEqualTo(406);
  }

  @Test
  void handle_signedRequestWithBadUserId_answers400() {
    SimResponse response =
        response(simulator.handle(AppRequests.signed(signer, "session.a", "nope", "")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).isEqualTo("{\"code\":-1,\"success\":false,\"msg\":\"参数错误\"}");
  }

  @Test
  void stats_countCallsPerSidIncludingRejectedOnes() {
    response(simulator.handle(AppRequests.signed(signer, "session.a", userId, "")));
    response(simulator.handle(AppRequests.signed(signer, "session.a", userId, "")));
    response(simulator.handle(AppRequests.signed(signer, "session.b", userId, "")));
    SimRequest unsigned = AppRequests.signed(signer, "session.c", userId, "");
    Map<String, String> headers = new HashMap<>(unsigned.headers());
    headers.put("shield", "XYAAAAAQAAAAEAAABTAAAAUforged");
    response(simulator.handle(SimRequest.get(unsigned.path(), unsigned.rawQuery(), headers)));

    assertThat(simulator.stats()).containsOnlyKeys("session.a", "session.b", "session.c");
    assertThat(simulator.stats().get("session.a").calls()).isEqualTo(2);
    assertThat(simulator.stats().get("session.a").atMs())
        .containsExactly(NOW.toEpochMilli(), NOW.toEpochMilli());
    assertThat(
            response(simulator.handle(SimRequest.get(SimProtocol.STATS_PATH, "", Map.of())))
                .bodyText())
        .startsWith("{\"sids\":{\"session.a\":{\"calls\":2,\"at_ms\":[" + NOW.toEpochMilli() + ",");
  }

  @Test
  void handle_sign_returnsTheShieldTheAppEndpointAccepts() {
    String query = AppRequests.query(userId, "");
    String body =
        "{\"method\":\"GET\",\"path\":\""
            + SimProtocol.USER_POSTED_PATH
            + "\",\"query\":\""
            + query
            + "\",\"headers\":{\"xy-common-params\":\""
            + AppRequests.commonParams("session.s")
            + "\",\"XY-Platform-Info\":\""
            + AppRequests.PLATFORM_INFO
            + "\"},\"body\":\"\"}";

    SimResponse signed =
        response(simulator.handle(new SimRequest("POST", "/sign", "", Map.of(), body)));

    assertThat(signed.status()).isEqualTo(200);
    assertThat(signed.bodyText())
        .isEqualTo(
            "{\"headers\":{\"shield\":\""
                + signer.shield(
                    SignInput.get(
                        SimProtocol.USER_POSTED_PATH,
                        query,
                        AppRequests.commonParams("session.s"),
                        AppRequests.PLATFORM_INFO))
                + "\"}}");
  }

  @Test
  void handle_signWithMalformedBody_answers400WithTheReason() {
    assertThat(sign("not json").bodyText()).contains("\"error\":\"invalid_request\"", "not JSON");
    assertThat(sign("[1]").status()).isEqualTo(400);
    assertThat(sign("{\"path\":\"/x\"}").bodyText()).contains("\\\"method\\\" is missing");
    assertThat(sign("{\"method\":\"GET\",\"path\":\"x\"}").status()).isEqualTo(400);
    assertThat(sign("{\"method\":\"GET\",\"path\":\"/x\",\"query\":5}").bodyText())
        .contains("\\\"query\\\" must be a string");
    assertThat(sign("{\"method\":\"GET\",\"path\":\"/x\",\"headers\":[]}").status()).isEqualTo(400);
    assertThat(
            sign("{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"xy-platform-info\":1}}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void handle_usersAndUnknownRoutes_answerJson() {
    SimResponse users =
        response(simulator.handle(SimRequest.get(SimProtocol.USERS_PATH, "", Map.of())));
    SimResponse unknown = response(simulator.handle(SimRequest.get("/nowhere", "", Map.of())));

    assertThat(users.status()).isEqualTo(200);
    assertThat(users.bodyText())
        .startsWith("{\"users\":[{\"user_id\":\"" + userId + "\",\"nickname\":")
        .contains("\"notes\":57,\"pinned\":2}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.bodyText()).contains("\"error\":\"not_found\"", "GET /nowhere");
  }

  @Test
  void userPosted_withLatency_asksTheTransportToWait() {
    Simulator slow = new Simulator(DATASET, signer, SimFaults.latencyMs(250), Clock.systemUTC());

    assertThat(response(slow.userPosted(userId, "", 10)).delay()).isEqualTo(Duration.ofMillis(250));
    assertThat(response(slow.handle(AppRequests.signed(signer, "s", userId, ""))).delay())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(response(slow.handle(SimRequest.get(SimProtocol.STATS_PATH, "", Map.of()))).delay())
        .isZero();
  }

  @Test
  void datasetPage_isTheSimulatorsAnswerWithoutDelay() {
    Simulator slow = new Simulator(DATASET, signer, SimFaults.latencyMs(250), Clock.systemUTC());
    String cursor = PageWalk.parse(DATASET.page(userId, "", 10).body()).cursor();

    SimResponse page = DATASET.page(userId, cursor, 10);

    assertThat(page.body()).isEqualTo(response(slow.userPosted(userId, cursor, 10)).body());
    assertThat(page.delay()).isZero();
    assertThat(DATASET.page("0123456789abcdef01234567", "", 10).bodyText()).contains("-10000");
    assertThat(DATASET.page(userId, "zz", 10).status()).isEqualTo(400);
  }

  private SimResponse sign(String body) {
    return response(
        simulator.handle(new SimRequest("POST", SimProtocol.SIGN_PATH, "", Map.of(), body)));
  }
}
