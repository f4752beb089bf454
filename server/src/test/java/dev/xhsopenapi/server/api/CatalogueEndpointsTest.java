package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimFlavor;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seven endpoints of the catalogue end to end (DESIGN §2a): on the demo's upstream (the
 * in-process simulator) each valid call answers 200 with the envelope, its {@code data} usable by
 * the endpoint's own rule, and costs its price; a missing note is a free 404; through a source
 * whose every answer is a soft block, each is a free 502.
 */
class CatalogueEndpointsTest {
  private static final SimUser CREATOR =
      SimDataset.generate(1).users().stream()
          .filter(u -> u.notes().size() > 40)
          .findFirst()
          .orElseThrow();

  @TempDir Path dir;

  @Test
  void everyEndpoint_answersItsData_andCostsItsPrice() {
    try (TestGateway gw = TestGateway.start(dir, Map.of("prices.xhs-search-users", "3"))) {
      String account = gw.createAccount("catalogue", 100, 10_000);
      String key = gw.createKey(account);
      long balance = 100;

      JsonNode web = call(gw, key, Operation.USER_NOTES_WEB, "user_id=" + CREATOR.userId());
      balance -= 1;
      JsonNode first = web.at("/data/notes/0");
      String noteId = text(first, "noteId", "note_id");
      String token = text(first, "xsecToken", "xsec_token");
      assertThat(web.at("/data/notes").size()).isEqualTo(30);

      call(gw, key, Operation.USER_NOTES, "user_id=" + CREATOR.userId());
      call(gw, key, Operation.NOTE_INFO, "note_id=" + noteId);
      call(
          gw,
          key,
          Operation.NOTE_DETAIL_WEB,
          "note_id=" + noteId + "&xsec_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      balance -= 3;
      JsonNode found =
          call(
              gw,
              key,
              Operation.SEARCH_USERS,
              "keywords=" + URLEncoder.encode(CREATOR.nickname(), StandardCharsets.UTF_8));
      balance -= 3;
      assertThat(found.at("/data/users").toString()).contains(CREATOR.userId());
      call(gw, key, Operation.HOMEFEED, "num=5");
      call(gw, key, Operation.HOT_INSPIRATION, "");
      balance -= 2;
      assertThat(gw.balance(account)).isEqualTo(balance);

      // The same detail again is served from the cache, and still charged.
      Reply again = gw.get(Operation.NOTE_INFO.path() + "?note_id=" + noteId, "Bearer " + key);
      assertThat(again.header("X-Cache")).isEqualTo("HIT");
      assertThat(gw.balance(account)).isEqualTo(balance - 1);

      Reply missing =
          gw.get(Operation.NOTE_INFO.path() + "?note_id=" + "0".repeat(24), "Bearer " + key);
      assertThat(missing.status()).as(missing.text()).isEqualTo(404);
      assertThat(missing.json().get("error").asText()).isEqualTo("note_not_found");
      assertThat(missing.json().get("message").asText())
          .isEqualTo("Xiaohongshu has no note " + "0".repeat(24) + "; check the note_id");
      assertThat(gw.balance(account)).isEqualTo(balance - 1);
    }
  }

  @Test
  void anOperatorsCacheTime_appliesToItsEndpointOnly() {
    Map<String, String> settings = Map.of("cache-ttl-s." + Operation.HOT_INSPIRATION.id(), "0");
    try (TestGateway gw = TestGateway.start(dir, settings)) {
      String key = gw.createKey(gw.createAccount("uncached", 100, 10_000));
      for (String expected : List.of("MISS", "MISS")) {
        Reply r = gw.get(Operation.HOT_INSPIRATION.path(), "Bearer " + key);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("X-Cache")).isEqualTo(expected);
      }
      for (String expected : List.of("MISS", "HIT")) {
        Reply r = gw.get(Operation.HOMEFEED.path() + "?num=5", "Bearer " + key);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("X-Cache")).isEqualTo(expected);
      }
    }
  }

  @Test
  void anAnswerWithoutData_isNeverCharged_onAnyEndpoint() {
    Simulator blocked =
        new Simulator(
            SimDataset.generate(1),
            SimSigner.withDefaultSecret(),
            SimFaults.NONE.merge("{\"soft_block_rate\":1}"),
            Simulator.faultSeedFor(1),
            Clock.systemUTC(),
            SimFlavor.TIKHUB,
            "tk-0123456789");
    try (SimServer server = new SimServer(blocked, 0).start()) {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("upstream.chain", "tikhub");
      settings.put("upstream.sources.tikhub.kind", "tikhub");
      settings.put("upstream.sources.tikhub.base-url", server.uri().toString());
      settings.put("upstream.sources.tikhub.api-key", "tk-0123456789");
      settings.put("upstream.breaker.open-s", "1");
      try (TestGateway gw = TestGateway.start(dir, settings)) {
        String account = gw.createAccount("blocked", 100, 10_000);
        String key = gw.createKey(account);
        String note = "0".repeat(24);
        Map<Operation, String> queries = new LinkedHashMap<>();
        queries.put(Operation.USER_NOTES, "user_id=" + CREATOR.userId());
        queries.put(Operation.USER_NOTES_WEB, "user_id=" + CREATOR.userId());
        queries.put(Operation.NOTE_INFO, "note_id=" + note);
        queries.put(Operation.NOTE_DETAIL_WEB, "note_id=" + note + "&xsec_token=abc");
        queries.put(Operation.SEARCH_USERS, "keywords=a");
        queries.put(Operation.HOMEFEED, "");
        queries.put(Operation.HOT_INSPIRATION, "");
        assertThat(queries.keySet()).containsExactlyElementsOf(Operation.all());
        for (Map.Entry<Operation, String> q : queries.entrySet()) {
          Reply r = gw.get(q.getKey().path() + "?" + q.getValue(), "Bearer " + key);
          assertThat(r.status()).as(q.getKey() + ": " + r.text()).isEqualTo(502);
          assertThat(r.json().get("error").asText()).isEqualTo("upstream_error");
        }
        assertThat(gw.balance(account)).isEqualTo(100);
        assertThat(blocked.billed()).as("TikHub still bills its soft blocks").isEqualTo(7);
      }
    }
  }

  /** Calls an endpoint, checks the 200 envelope and its data by the endpoint's rule. */
  private static JsonNode call(TestGateway gw, String key, Operation op, String query) {
    Reply r = gw.get(op.path() + "?" + query, "Bearer " + key);
    assertThat(r.status()).as(op + ": " + r.text()).isEqualTo(200);
    assertThat(r.json().get("code").asInt()).isEqualTo(200);
    assertThat(r.json().get("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
    assertThat(r.header("X-Cache")).isEqualTo("MISS");
    JsonNode data = r.json().get("data");
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.isEmpty() ? List.<String>of() : List.of(query.split("&"))) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    Optional<?> refusal =
        op.rule().refusal(op.request(params), data.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(refusal).as(op + " data usable").isEmpty();
    return data;
  }

  private static String text(JsonNode node, String camel, String snake) {
    return node.has(camel) ? node.get(camel).asText() : node.get(snake).asText();
  }
}
