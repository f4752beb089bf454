package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every vendor flavour shares over HTTP: the same notes as the App, its key check, the call
 * limit per key, the empty balance, billing counts, and the same fault draws as the App.
 */
class VendorFlavorTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String UNKNOWN_USER = "0123456789abcdef01234567";
  private static final Map<SimFlavor, VendorHarness> SERVERS = new EnumMap<>(SimFlavor.class);

  @BeforeAll
  static void start() {
    for (SimFlavor flavor : List.of(SimFlavor.SPIDERHUBS, SimFlavor.TIKHUB, SimFlavor.JUSTONEAPI)) {
      SERVERS.put(flavor, new VendorHarness(DATASET, flavor));
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(VendorHarness::close);
  }

  @BeforeEach
  void clean() throws Exception {
    for (VendorHarness harness : SERVERS.values()) {
      harness.clean();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void walk_withTheRightKey_servesTheAppFlavoursNotes_andBillsEveryPage(SimFlavor flavor)
      throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);
    Simulator app =
        new Simulator(DATASET, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC());
    long pages = 0;
    // 57 notes (2 pinned), no notes, 20 notes (1 pinned), 1 note.
    for (SimUser user : DATASET.users().subList(0, 4)) {
      List<String> appIds =
          PageWalk.walk(app, user.userId(), SimProtocol.DEFAULT_PAGE_SIZE).stream()
              .flatMap(page -> page.ids().stream())
              .toList();

      List<String> vendorIds = vendor.walk(user.userId());

      assertThat(vendorIds).as(user.userId()).isEqualTo(appIds).hasSize(user.notes().size());
      pages += Math.max(1, (user.notes().size() + 9) / 10);
    }
    assertThat(vendor.simulator.billed()).isEqualTo(pages);
    assertThat(vendor.stats().path("billed").asLong()).isEqualTo(pages);
    assertThat(vendor.stats().path("sids").size()).isZero();
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void missingOrWrongKey_isRefused_countsNowhere_andIsNotBilled(SimFlavor flavor) throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);
    String user = DATASET.users().getFirst().userId();

    HttpResponse<String> missing = vendor.page(null, user, "");
    HttpResponse<String> wrong = vendor.page("sk_live_someone_elses_key", user, "");
    HttpResponse<String> prefix = vendor.page(VendorHarness.KEY.substring(0, 10), user, "");

    for (HttpResponse<String> refused : List.of(missing, wrong, prefix)) {
      if (flavor == SimFlavor.JUSTONEAPI) {
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(VendorHarness.JSON.readTree(refused.body()).path("code").asInt()).isEqualTo(100);
      } else {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      }
      assertThat(refused.body()).doesNotContain(VendorHarness.KEY);
    }
    assertThat(vendor.simulator.billed()).isZero();
    assertThat(vendor.simulator.keyStats()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void theAppPath_isNotServed_butTheSimulatorRoutesAre(SimFlavor flavor) throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);

    HttpResponse<String> appPath =
        vendor.get(SimProtocol.USER_POSTED_PATH + "?" + AppRequests.query(UNKNOWN_USER, ""));

    assertThat(appPath.statusCode()).isEqualTo(404);
    assertThat(vendor.get(SimProtocol.USERS_PATH).statusCode()).isEqualTo(200);
    assertThat(vendor.get(SimProtocol.FAULTS_PATH).statusCode()).isEqualTo(200);
    assertThat(vendor.post(SimProtocol.SIGN_PATH, "{}").statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void rateLimit_countsPerKey_refusesTheFourthCall_untilTheWindowPasses(SimFlavor flavor)
      throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);
    String user = DATASET.users().getFirst().userId();
    vendor.faults("{\"rate_limit_calls\":3,\"rate_limit_window_s\":30}");
    // Calls with another key never reach the count.
    vendor.page("sk_live_other", user, "");

    List<Integer> statuses = new ArrayList<>();
    for (int call = 1; call <= 3; call++) {
      statuses.add(vendor.page(user, "").statusCode());
    }
    HttpResponse<String> refused = vendor.page(user, "");
    vendor.clock.advance(Duration.ofSeconds(30));
    HttpResponse<String> later = vendor.page(user, "");

    assertThat(statuses).containsExactly(200, 200, 200);
    switch (flavor) {
      case JUSTONEAPI -> {
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(VendorHarness.JSON.readTree(refused.body()).path("code").asInt()).isEqualTo(302);
      }
      default -> {
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("30");
      }
    }
    assertThat(vendor.parse(later.body()).ids()).hasSize(10);
    assertThat(vendor.simulator.billed()).isEqualTo(4);
    JsonNode keys = vendor.stats().path("keys");
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.path("sk_l…").path("calls").asLong()).isEqualTo(5);
    assertThat(vendor.stats().toString()).doesNotContain(VendorHarness.KEY);
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void outOfCredit_refusesEveryCallWithTheBalanceError_unbilled_untilTurnedOff(SimFlavor flavor)
      throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);
    String user = DATASET.users().getFirst().userId();
    vendor.faults("{\"out_of_credit\":true}");

    HttpResponse<String> broke = vendor.page(user, "");
    HttpResponse<String> brokeUnknown = vendor.page(UNKNOWN_USER, "");
    vendor.faults("{\"out_of_credit\":false}");
    HttpResponse<String> toppedUp = vendor.page(user, "");

    for (HttpResponse<String> refused : List.of(broke, brokeUnknown)) {
      if (flavor == SimFlavor.JUSTONEAPI) {
        assertThat(VendorHarness.JSON.readTree(refused.body()).path("code").asInt()).isEqualTo(601);
      } else {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
      }
    }
    assertThat(vendor.parse(toppedUp.body()).ids()).hasSize(10);
    assertThat(vendor.simulator.billed()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void resetAndTimeoutFaults_dropTheConnection_unbilled(SimFlavor flavor) throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);
    String user = DATASET.users().getFirst().userId();
    vendor.faults("{\"reset_rate\":1}");

    assertThatThrownBy(() -> vendor.page(user, ""))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    SimOutcome reset = vendor.simulator.handle(request(vendor, user));
    vendor.faults("{\"reset_rate\":0,\"timeout_rate\":1}");
    SimOutcome timeout = vendor.simulator.handle(request(vendor, user));

    assertThat(reset).isInstanceOf(SimOutcome.ConnectionReset.class);
    assertThat(timeout).isInstanceOf(SimOutcome.NoAnswer.class);
    assertThat(vendor.simulator.billed()).isZero();
    assertThat(vendor.simulator.keyStats()).containsKey("sk_l…");
  }

  @ParameterizedTest
  @EnumSource(names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void faultDraws_areTheAppFlavoursForTheSameSeed(SimFlavor flavor) throws Exception {
    VendorHarness vendor = SERVERS.get(flavor);
    String user = DATASET.users().getFirst().userId();
    String faults = "{\"captcha_rate\":0.3,\"generic_error_rate\":0.3}";
    vendor.faults(faults);
    Simulator app =
        new Simulator(
            DATASET, SimSigner.withDefaultSecret(), SimFaults.NONE.merge(faults), 42, vendor.clock);
    List<String> appRungs = new ArrayList<>();
    List<String> vendorRungs = new ArrayList<>();

    for (int call = 0; call < 30; call++) {
      SimResponse answer = response(app.userPosted(user, "", 10));
      appRungs.add(
          answer.status() == 461
              ? "captcha"
              : answer.bodyText().contains("\"code\":-1") ? "-1" : "ok");
      String body = vendor.page(user, "").body();
      vendorRungs.add(rung(flavor, body));
    }

    assertThat(vendorRungs).isEqualTo(appRungs).contains("captcha", "-1", "ok");
  }

  @Test
  void constructor_refusesAVendorWithoutKey_andTheAppWithOne_withoutShowingTheKey() {
    assertThatThrownBy(
            () ->
                new Simulator(
                    DATASET,
                    SimSigner.withDefaultSecret(),
                    SimFaults.NONE,
                    1,
                    Clock.systemUTC(),
                    SimFlavor.TIKHUB,
                    " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tikhub flavour needs the API key");
    assertThatThrownBy(
            () ->
                new Simulator(
                    DATASET,
                    SimSigner.withDefaultSecret(),
                    SimFaults.NONE,
                    1,
                    Clock.systemUTC(),
                    SimFlavor.APP,
                    "sk_live_secret_value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("sk_live_secret_value");
    assertThat(Simulator.keyHint("sk_live_secret_value")).isEqualTo("sk_l…");
    assertThat(Simulator.keyHint("abcdef")).isEqualTo("abc…");
    assertThat(SimFlavor.of("TikHub")).isEqualTo(SimFlavor.TIKHUB);
    assertThatThrownBy(() -> SimFlavor.of("xhs"))
        .hasMessage(
            "the simulator flavour must be one of app, spiderhubs, tikhub, justoneapi, got 'xhs'");
  }

  /** Which App rung a vendor answer stands for: the captcha wall, the bare rejection, or a page. */
  private static String rung(SimFlavor flavor, String body) throws IOException {
    JsonNode root = VendorHarness.JSON.readTree(body);
    return switch (flavor) {
      case SPIDERHUBS ->
          root.path("error").asText().equals("upstream_error")
              ? "captcha"
              : root.path("data").path("code").asInt() == -1 ? "-1" : "ok";
      case TIKHUB ->
          root.path("detail").path("code").asInt() == 400
              ? "captcha"
              : root.path("data").path("code").asInt() == -1 ? "-1" : "ok";
      case JUSTONEAPI ->
          switch (root.path("code").asInt()) {
            case 301 -> "captcha";
            case 500 -> "-1";
            default -> "ok";
          };
      case APP -> throw new IllegalArgumentException("not a vendor");
    };
  }

  /** An in-process request with the right key, as the vendor's callers send it. */
  private static SimRequest request(VendorHarness vendor, String user) {
    if (vendor.flavor == SimFlavor.JUSTONEAPI) {
      return SimRequest.get(
          vendor.path(), "token=" + VendorHarness.KEY + "&userId=" + user, Map.of());
    }
    return SimRequest.get(
        vendor.path(), "user_id=" + user, Map.of("Authorization", "Bearer " + VendorHarness.KEY));
  }
}
