package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A vendor-flavoured simulator on a real port, and a client that calls its user-notes path as that
 * vendor's callers do: the key in {@code Authorization: Bearer} or in {@code token}.
 */
final class VendorHarness implements AutoCloseable {
  static final String KEY = "sk_live_flavour_test_key_0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final SimFlavor flavor;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  final Simulator simulator;
  private final SimServer server;

  VendorHarness(SimDataset dataset, SimFlavor flavor) {
    this.flavor = flavor;
    this.simulator =
        new Simulator(
            dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, 42, clock, flavor, KEY);
    this.server = new SimServer(simulator, 0).start();
  }

  /** The vendor's user-notes path. */
  String path() {
    return switch (flavor) {
      case SPIDERHUBS -> "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes";
      case TIKHUB -> "/api/v1/xiaohongshu/app/get_user_notes";
      case JUSTONEAPI -> "/api/xiaohongshu/get-user-note-list/v4";
      case APP -> throw new IllegalArgumentException("not a vendor");
    };
  }

  /** A page with the right key. */
  HttpResponse<String> page(String userId, String cursor) throws IOException, InterruptedException {
    return page(KEY, userId, cursor);
  }

  /** A page presenting {@code key} (null: none at all); a null user id leaves the parameter out. */
  HttpResponse<String> page(String key, String userId, String cursor)
      throws IOException, InterruptedException {
    List<String> params = new ArrayList<>();
    boolean justOne = flavor == SimFlavor.JUSTONEAPI;
    if (justOne && key != null) {
      params.add("token=" + encode(key));
    }
    if (userId != null) {
      params.add((justOne ? "userId=" : "user_id=") + encode(userId));
    }
    if (!cursor.isEmpty()) {
      params.add((justOne ? "lastCursor=" : "cursor=") + encode(cursor));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path() + "?" + String.join("&", params)));
    if (!justOne && key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET of {@code uri} with the given {@code Authorization} header. */
  static HttpResponse<String> send(URI uri, String authorization)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Any GET on the simulator. */
  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Merges a JSON fault update through {@code POST /_sim/faults}. */
  void faults(String update) throws IOException, InterruptedException {
    HttpResponse<String> response = post(SimProtocol.FAULTS_PATH, update);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** {@code GET /_sim/stats} as JSON. */
  JsonNode stats() throws IOException, InterruptedException {
    return JSON.readTree(get(SimProtocol.STATS_PATH).body());
  }

  /** No faults, no statistics, dice from the seed. */
  void clean() throws IOException, InterruptedException {
    faults(SimFaults.NONE.toJson());
    assertThat(post(SimProtocol.RESET_PATH, "").statusCode()).isEqualTo(200);
  }

  /** What a client reads of one vendor page: the notes' ids, the next cursor, has_more. */
  record Page(List<String> ids, String cursor, boolean hasMore) {}

  /** Reads a vendor's 200 page, checking its success markers. */
  Page parse(String body) throws IOException {
    JsonNode root = JSON.readTree(body);
    JsonNode data;
    if (flavor == SimFlavor.JUSTONEAPI) {
      assertThat(root.path("code").isInt() && root.path("code").asInt() == 0).as(body).isTrue();
      data = root.path("data");
    } else {
      assertThat(root.path("code").asInt()).as(body).isEqualTo(200);
      assertThat(root.path("data").path("code").asInt(-1)).as(body).isZero();
      data = root.path("data").path("data");
    }
    List<String> ids = new ArrayList<>();
    String lastCursor = "";
    for (JsonNode note : data.path("notes")) {
      ids.add(note.path("id").asText());
      lastCursor = note.path("cursor").asText();
    }
    String cursor = flavor == SimFlavor.JUSTONEAPI ? lastCursor : data.path("cursor").asText();
    return new Page(ids, cursor, data.path("has_more").asBoolean());
  }

  /** Every note id of a user, walking the vendor's pages as its callers do. */
  List<String> walk(String userId) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    String cursor = "";
    for (int pages = 0; pages < 1_000; pages++) {
      HttpResponse<String> response = page(userId, cursor);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      Page page = parse(response.body());
      ids.addAll(page.ids());
      if (!page.hasMore()) {
        return ids;
      }
      cursor = page.cursor();
    }
    return fail("the walk of " + userId + " did not end");
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
