package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /_sim/users/{user_id}/notes} over HTTP, in the App flavour and each vendor's. */
class SimPostRouteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String NOBODY = "0123456789abcdef01234567";

  private final SimDataset dataset = SimDataset.generate(1);
  private final SimUser creator = dataset.sampleUser().orElseThrow();
  private final SimServer server =
      new SimServer(
              new Simulator(
                  dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC()),
              0)
          .start();

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void post_withATitle_answers201WithTheNote_whichThePagesThenShow() throws Exception {
    HttpResponse<String> posted = post(server, notesPath(creator.userId()), "{\"title\":\"上新啦\"}");

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(posted.headers().firstValue("content-type"))
        .contains("application/json; charset=utf-8");
    JsonNode note = JSON.readTree(posted.body()).path("note");
    assertThat(note.path("display_title").asText()).isEqualTo("上新啦");
    assertThat(note.path("sticky").asBoolean(true)).isFalse();
    assertThat(SimProtocol.isId(note.path("id").asText())).isTrue();
    JsonNode users = JSON.readTree(get(server, SimProtocol.USERS_PATH).body()).path("users");
    assertThat(users.get(0).path("user_id").asText()).isEqualTo(creator.userId());
    assertThat(users.get(0).path("notes").asInt()).isEqualTo(creator.notes().size() + 1);
    assertThat(dataset.user(creator.userId()).orElseThrow().notes())
        .anyMatch(n -> n.id().equals(note.path("id").asText()));
  }

  @Test
  void post_withAnEmptyBodyOrNullTitle_makesATitleUp() throws Exception {
    HttpResponse<String> empty = post(server, notesPath(creator.userId()), "");
    HttpResponse<String> nullTitle = post(server, notesPath(creator.userId()), "{\"title\":null}");
    HttpResponse<String> emptyObject = post(server, notesPath(creator.userId()), " {} ");

    for (HttpResponse<String> response : List.of(empty, nullTitle, emptyObject)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(JSON.readTree(response.body()).path("note").path("display_title").isTextual())
          .isTrue();
    }
    assertThat(dataset.user(creator.userId()).orElseThrow().notes())
        .hasSize(creator.notes().size() + 3);
  }

  @Test
  void post_forAnUnknownUser_answers404() throws Exception {
    HttpResponse<String> response = post(server, notesPath(NOBODY), "{\"title\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("user_not_found");
    assertThat(JSON.readTree(response.body()).path("message").asText()).contains(NOBODY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123456789ABCDEF01234567", "abc", "0123456789abcdef0123456789"})
  void post_forAMalformedUserId_answers400(String userId) throws Exception {
    HttpResponse<String> response = post(server, notesPath(userId), "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"title\":", "[\"title\"]", "{\"title\":42}", "{\"titel\":\"typo\"}"})
  void post_withABadBody_answers400_andPostsNothing(String body) throws Exception {
    HttpResponse<String> response = post(server, notesPath(creator.userId()), body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("error").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(dataset.user(creator.userId()).orElseThrow()).isEqualTo(creator);
  }

  @Test
  void get_ofThePostPath_isNotARoute() throws Exception {
    assertThat(get(server, notesPath(creator.userId())).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @EnumSource(
      value = SimFlavor.class,
      names = {"SPIDERHUBS", "TIKHUB", "JUSTONEAPI"})
  void vendorFlavour_takesThePostWithoutAKey_andServesItFirstAfterThePins(SimFlavor flavor)
      throws Exception {
    SimDataset own = SimDataset.generate(1);
    try (VendorHarness vendor = new VendorHarness(own, flavor)) {
      VendorHarness.Page before = vendor.parse(vendor.page(creator.userId(), "").body());

      HttpResponse<String> posted =
          vendor.post(notesPath(creator.userId()), "{\"title\":\"vendor\"}");
      HttpResponse<String> unknown = vendor.post(notesPath(NOBODY), "");

      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
      assertThat(unknown.statusCode()).isEqualTo(404);
      String id = JSON.readTree(posted.body()).path("note").path("id").asText();
      VendorHarness.Page after = vendor.parse(vendor.page(creator.userId(), "").body());
      int pins = creator.pinnedCount();
      assertThat(after.ids().subList(0, pins)).isEqualTo(before.ids().subList(0, pins));
      assertThat(after.ids().get(pins)).isEqualTo(id);
      assertThat(after.ids().subList(pins + 1, after.ids().size()))
          .isEqualTo(before.ids().subList(pins, after.ids().size() - 1));
      assertThat(vendor.walk(creator.userId())).hasSize(creator.notes().size() + 1).contains(id);
    }
  }

  private static String notesPath(String userId) {
    return SimProtocol.USERS_PATH + "/" + userId + "/notes";
  }

  private static HttpResponse<String> post(SimServer server, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(SimServer server, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
