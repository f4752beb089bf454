package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.CatalogueCases.DATASET;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.NOTE;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.UNKNOWN_NOTE;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.USER;
import static dev.xhsopenapi.upstream.sim.CatalogueCases.tree;
import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import dev.xhsopenapi.upstream.vendor.VendorKind;
import dev.xhsopenapi.upstream.vendor.VendorProvider;
import dev.xhsopenapi.upstream.vendor.VendorSettings;
import dev.xhsopenapi.upstream.vendor.Vendors;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation over HTTP in each vendor flavour, asked by this gateway's own adapter for that
 * vendor: SpiderHubs and TikHub serve the whole catalogue, JustOneAPI its equivalents.
 */
class VendorCatalogueTest {
  private static final Map<SimFlavor, VendorHarness> HARNESSES = new EnumMap<>(SimFlavor.class);
  private static final Map<SimFlavor, VendorProvider> PROVIDERS = new EnumMap<>(SimFlavor.class);
  private static final Set<Operation> JUSTONEAPI_OPERATIONS =
      Set.of(Operation.USER_NOTES, Operation.NOTE_INFO, Operation.SEARCH_USERS);

  private static synchronized VendorHarness harness(SimFlavor flavor) {
    return HARNESSES.computeIfAbsent(flavor, f -> new VendorHarness(DATASET, f));
  }

  private static synchronized VendorProvider provider(SimFlavor flavor) {
    return PROVIDERS.computeIfAbsent(
        flavor,
        f ->
            Vendors.provider(
                new VendorSettings(
                    "sim-" + f.wireName(),
                    VendorKind.of(f.wireName()).orElseThrow(),
                    harness(f).uri("/"),
                    VendorHarness.KEY,
                    Duration.ofSeconds(5),
                    Map.of()),
                new ObjectMapper(),
                Clock.systemUTC(),
                UpstreamEvents.NONE));
  }

  @AfterAll
  static void stop() {
    PROVIDERS.values().forEach(VendorProvider::close);
    HARNESSES.values().forEach(VendorHarness::close);
  }

  @BeforeEach
  void clean() throws Exception {
    for (VendorHarness harness : HARNESSES.values()) {
      harness.clean();
    }
  }

  /** Every flavour with every operation its adapter declares. */
  static Stream<Arguments> served() {
    return Stream.of(SimFlavor.SPIDERHUBS, SimFlavor.TIKHUB, SimFlavor.JUSTONEAPI)
        .flatMap(
            flavor ->
                Operation.all().stream()
                    .filter(
                        op -> flavor != SimFlavor.JUSTONEAPI || JUSTONEAPI_OPERATIONS.contains(op))
                    .map(op -> Arguments.of(flavor, op)));
  }

  private static UpstreamCall call() {
    return new UpstreamCall("req-1", "acc-1", Instant.now().plusSeconds(10));
  }

  private static UpstreamRequest valid(SimFlavor flavor, Operation operation) {
    return CatalogueCases.request(operation, harness(flavor).simulator);
  }

  private static byte[] usable(SimFlavor flavor, UpstreamRequest request) throws Exception {
    UpstreamAnswer answer = provider(flavor).fetch(request, call());
    assertThat(answer).as(flavor + " " + request).isInstanceOf(UpstreamAnswer.Data.class);
    byte[] body = ((UpstreamAnswer.Data) answer).body();
    assertThat(request.operation().rule().refusal(request, body))
        .as(flavor + " " + request)
        .isEmpty();
    return body;
  }

  @Test
  void adapters_declareWhatTheFlavoursServe() {
    assertThat(provider(SimFlavor.SPIDERHUBS).operations())
        .containsExactlyInAnyOrderElementsOf(Operation.all());
    assertThat(provider(SimFlavor.TIKHUB).operations())
        .containsExactlyInAnyOrderElementsOf(Operation.all());
    assertThat(provider(SimFlavor.JUSTONEAPI).operations()).isEqualTo(JUSTONEAPI_OPERATIONS);
  }

  @ParameterizedTest
  @MethodSource("served")
  void validCall_isABodyTheRuleAccepts_andTheSameAsInProcess(SimFlavor flavor, Operation operation)
      throws Exception {
    UpstreamRequest request = valid(flavor, operation);

    byte[] body = usable(flavor, request);

    if (flavor != SimFlavor.JUSTONEAPI) {
      // The vendor's data is the App body, byte for byte.
      assertThat(new String(body, StandardCharsets.UTF_8))
          .isEqualTo(response(harness(flavor).simulator.call(request)).bodyText());
    }
  }

  @ParameterizedTest
  @MethodSource("served")
  void softBlockAtRate1_isNeverAUsableAnswer(SimFlavor flavor, Operation operation)
      throws Exception {
    harness(flavor).faults("{\"soft_block_rate\":1.0}");
    UpstreamRequest request = valid(flavor, operation);

    try {
      UpstreamAnswer answer = provider(flavor).fetch(request, call());
      assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
      assertThat(operation.rule().refusal(request, ((UpstreamAnswer.Data) answer).body()))
          .as(flavor + " " + operation)
          .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo("soft_block"));
    } catch (UpstreamException e) {
      // JustOneAPI's empty data: a failed collection, refused by the adapter itself.
      assertThat(flavor).isEqualTo(SimFlavor.JUSTONEAPI);
      assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SimFlavor.class,
      names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void noteInfo_ofAnUnknownNote_isNotFound(SimFlavor flavor) throws Exception {
    UpstreamAnswer answer =
        provider(flavor)
            .fetch(Operation.NOTE_INFO.request(Map.of("note_id", UNKNOWN_NOTE)), call());

    assertThat(answer).isInstanceOf(UpstreamAnswer.NotFound.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = SimFlavor.class,
      names = {"SPIDERHUBS", "TIKHUB"})
  void noteDetail_ofAnUnknownNote_isNotFound_andWithAWrongToken_isRefused(SimFlavor flavor)
      throws Exception {
    Simulator simulator = harness(flavor).simulator;
    UpstreamAnswer unknown =
        provider(flavor)
            .fetch(
                Operation.NOTE_DETAIL_WEB.request(
                    Map.of(
                        "note_id", UNKNOWN_NOTE, "xsec_token", simulator.xsecToken(UNKNOWN_NOTE))),
                call());
    UpstreamException refused =
        catchThrowableOfType(
            UpstreamException.class,
            () ->
                provider(flavor)
                    .fetch(
                        Operation.NOTE_DETAIL_WEB.request(
                            Map.of(
                                "note_id",
                                NOTE,
                                "xsec_token",
                                simulator.xsecToken(USER.userId() + "x"))),
                        call()));

    assertThat(unknown).isInstanceOf(UpstreamAnswer.NotFound.class);
    assertThat(refused.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE);
    assertThat(refused).hasMessageContaining("300031");
  }

  @ParameterizedTest
  @EnumSource(
      value = SimFlavor.class,
      names = {"SPIDERHUBS", "TIKHUB"})
  void webNotes_walkedOverHttp_listTheAppSeriesIds(SimFlavor flavor) throws Exception {
    List<String> web = new ArrayList<>();
    String cursor = "";
    for (int page = 0; ; page++) {
      UpstreamRequest request =
          Operation.USER_NOTES_WEB.request(
              Map.of("user_id", USER.userId(), "cursor", cursor, "num", "30"));
      JsonNode data = tree(usable(flavor, request)).path("data");
      data.path("notes").forEach(n -> web.add(n.path("noteId").asText()));
      if (!data.path("hasMore").asBoolean()) {
        break;
      }
      cursor = data.path("cursor").asText();
      if (page > 100) {
        fail("the walk did not end");
      }
    }

    assertThat(web).isEqualTo(harness(flavor).walk(USER.userId()));
  }

  @ParameterizedTest
  @EnumSource(
      value = SimFlavor.class,
      names = {"SPIDERHUBS", "TIKHUB"})
  void hotInspiration_walkedOverHttp_endsWithoutRepeating(SimFlavor flavor) throws Exception {
    List<String> titles = new ArrayList<>();
    String cursor = "";
    for (int page = 0; ; page++) {
      JsonNode data =
          tree(usable(flavor, Operation.HOT_INSPIRATION.request(Map.of("cursor", cursor))))
              .path("data");
      data.path("items").forEach(item -> titles.add(item.path("title").asText()));
      if (data.path("end_flag").asBoolean()) {
        break;
      }
      cursor = data.path("cursor").asText();
      assertThat(cursor).isEqualTo(Integer.toString(page + 1));
      if (page > 100) {
        fail("the walk did not end");
      }
    }

    assertThat(titles).hasSize(SimCatalogue.HOT_TOPICS).doesNotHaveDuplicates();
  }

  @Test
  void justOneApi_searchUsers_isFiltersAndUsersWithoutHasMore() throws Exception {
    VendorHarness harness = harness(SimFlavor.JUSTONEAPI);
    String redId = Simulator.redId(USER.userId());

    HttpResponse<String> response =
        harness.get(
            "/api/xiaohongshu/search-user/v2?token=" + VendorHarness.KEY + "&keyword=" + redId);

    JsonNode root = VendorHarness.JSON.readTree(response.body());
    assertThat(root.path("code").asInt(-1)).isZero();
    assertThat(root.path("data").path("filters").isArray()).isTrue();
    assertThat(root.path("data").has("has_more")).isFalse();
    JsonNode user = root.path("data").path("users").get(0);
    assertThat(user.path("id").asText()).isEqualTo(USER.userId());
    assertThat(user.path("desc").asText()).isEqualTo("小红书号：" + redId);
  }

  @Test
  void justOneApi_noteDetail_isTheNoteFeedArray() throws Exception {
    HttpResponse<String> response =
        harness(SimFlavor.JUSTONEAPI)
            .get(
                "/api/xiaohongshu/get-note-detail/v1?token="
                    + VendorHarness.KEY
                    + "&noteId="
                    + NOTE);

    JsonNode data = VendorHarness.JSON.readTree(response.body()).path("data");
    assertThat(data.isArray()).isTrue();
    assertThat(data.get(0).path("note_list").get(0).path("id").asText()).isEqualTo(NOTE);
  }

  @Test
  void justOneApi_servesNoWebOrFeedOperation() throws Exception {
    VendorHarness harness = harness(SimFlavor.JUSTONEAPI);

    for (Operation operation :
        List.of(
            Operation.USER_NOTES_WEB,
            Operation.NOTE_DETAIL_WEB,
            Operation.HOMEFEED,
            Operation.HOT_INSPIRATION)) {
      assertThat(harness.get(operation.path() + "?token=" + VendorHarness.KEY).statusCode())
          .isEqualTo(404);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SimFlavor.class,
      names = {"SPIDERHUBS", "TIKHUB"})
  void everyOperation_refusesAWrongKey_andBillsNothing(SimFlavor flavor) throws Exception {
    VendorHarness harness = harness(flavor);
    String prefix = flavor == SimFlavor.TIKHUB ? "/api/v1/xiaohongshu/" : Operation.PATH_PREFIX;

    for (Operation operation : Operation.all()) {
      HttpResponse<String> response =
          VendorHarness.send(harness.uri(prefix + operation.suffix()), "Bearer not-the-key");
      assertThat(response.statusCode()).as(operation.id()).isEqualTo(401);
    }
    assertThat(harness.stats().path("billed").asLong()).isZero();
  }

  @Test
  void shapes_setOverHttp_changeTheWebKeyStyle_andBadOnesAreRefused() throws Exception {
    VendorHarness harness = harness(SimFlavor.TIKHUB);
    UpstreamRequest request = Operation.HOMEFEED.request(Map.of("num", "3"));
    try {
      HttpResponse<String> set =
          harness.post(SimProtocol.SHAPES_PATH, "{\"web_key_style\":\"snake_case\"}");
      HttpResponse<String> bad =
          harness.post(SimProtocol.SHAPES_PATH, "{\"web_key_style\":\"kebab\"}");
      HttpResponse<String> unknown = harness.post(SimProtocol.SHAPES_PATH, "{\"style\":1}");

      assertThat(set.statusCode()).isEqualTo(200);
      assertThat(set.body())
          .isEqualTo("{\"web_key_style\":\"snake_case\",\"search_users_style\":\"web\"}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("\\\"camel_case\\\", \\\"snake_case\\\"");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(harness.get(SimProtocol.SHAPES_PATH).body()).isEqualTo(set.body());
      JsonNode item = tree(usable(SimFlavor.TIKHUB, request)).path("data").path("items").get(0);
      assertThat(item.has("note_card")).isTrue();
      assertThat(item.has("noteCard")).isFalse();
    } finally {
      harness.simulator.useShapes(SimShapes.DEFAULT);
    }
    JsonNode item = tree(usable(SimFlavor.TIKHUB, request)).path("data").path("items").get(0);
    assertThat(item.has("noteCard")).isTrue();
  }

  @Test
  void tikHub_missingRequiredParameter_is422NamingIt() throws Exception {
    VendorHarness harness = harness(SimFlavor.TIKHUB);

    HttpResponse<String> response =
        VendorHarness.send(
            harness.uri("/api/v1/xiaohongshu/app/get_note_info"), "Bearer " + VendorHarness.KEY);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(
            VendorHarness.JSON
                .readTree(response.body())
                .path("detail")
                .get(0)
                .path("loc")
                .get(1)
                .asText())
        .isEqualTo("note_id");
  }
}
