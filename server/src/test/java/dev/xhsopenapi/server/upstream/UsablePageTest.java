package dev.xhsopenapi.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over HTTP, through a gateway whose {@code relay} provider asks a scripted SpiderHubs-compatible
 * upstream: only a usable page is served and charged; any other answer is a free 502 that is never
 * cached, counted as a failure of the relay, and skipped over when another provider can answer.
 */
class UsablePageTest {
  private static final String USER = "5df8fee200000000c76a02ae";
  private static final String CURSOR = "62c3ef0f00000001aae90192";
  private static final String NEXT = "62b1a0c400000001aae90100";
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static final String NOTE =
      "{\"id\":\""
          + NEXT
          + "\",\"type\":\"normal\",\"display_title\":\"宝宝辅食 第3周\",\"sticky\":false,"
          + "\"liked_count\":\"1.2万\",\"images_list\":[{\"url\":\"https://e/x.jpg\",\"width\":1080}]}";

  /** A last page that carries one note, in the App's shape. */
  private static final String USABLE =
      "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\""
          + NEXT
          + "\",\"has_more\":false,\"notes\":["
          + NOTE
          + "]}}";

  @TempDir Path dir;

  private final MockWebServer upstream = new MockWebServer();
  private final AtomicReference<String> page = new AtomicReference<>(USABLE);
  private final AtomicInteger upstreamCalls = new AtomicInteger();

  @BeforeEach
  void startUpstream() throws IOException {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            upstreamCalls.incrementAndGet();
            // The SpiderHubs envelope around the page under test; the relay cuts its data out.
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"code\":200,\"request_id\":\"up-1\",\"data\":" + page.get() + "}")
                .build();
          }
        });
    upstream.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private TestGateway gateway(String chain, Clock clock) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("upstream.chain", chain);
    settings.put("upstream.relay.base-url", "http://127.0.0.1:" + upstream.getPort());
    settings.put("upstream.relay.api-key", "sk_live_scriptedupstream");
    return TestGateway.start(dir, clock, settings);
  }

  /** A key of a new account with 10 credits and room for many calls. */
  private static String[] customer(TestGateway gw) {
    String account = gw.createAccount("pages", 10, 10_000);
    return new String[] {account, gw.createKey(account)};
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "the classic soft block | | {\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}",
        "has_more without a notes array | | {\"code\":0,\"success\":true,\"data\":{\"has_more\":true}}",
        "has_more with an empty cursor | | {\"code\":0,\"success\":true,\"data\":{\"cursor\":\"\","
            + "\"has_more\":true,\"notes\":["
            + NOTE
            + "]}}",
        "has_more without a cursor | | {\"code\":0,\"success\":true,\"data\":{\"has_more\":true,"
            + "\"notes\":["
            + NOTE
            + "]}}",
        "the cursor requested comes back | "
            + CURSOR
            + " | {\"code\":0,\"success\":true,"
            + "\"data\":{\"cursor\":\""
            + CURSOR
            + "\",\"has_more\":true,\"notes\":["
            + NOTE
            + "]}}",
        "success:false | | {\"code\":300013,\"success\":false,\"msg\":\"访问频次异常\",\"data\":{}}",
        "a non-zero code | | {\"code\":-1,\"data\":{\"notes\":[]}}",
        "a body that is not a JSON object | | [{\"code\":0,\"success\":true}]",
        "data that is not an object | | {\"code\":0,\"success\":true,\"data\":[" + NOTE + "]}",
        "notes that are not an array | | {\"code\":0,\"success\":true,\"data\":{\"notes\":{\"0\":"
            + NOTE
            + "},\"has_more\":false}}",
      })
  void anUnusableAnswer_isAFree502_neverCached_andAFailureOfTheRelay(
      String what, String cursor, String answer) {
    page.set(answer);
    try (TestGateway gw = gateway("relay", Clock.systemUTC())) {
      String[] customer = customer(gw);

      Reply refused = gw.notes(customer[1], USER, cursor);
      assertUpstreamError(refused);
      assertThat(gw.balance(customer[0])).isEqualTo(10);
      assertThat(upstreamCalls.get()).isEqualTo(1);

      // Nothing was cached: once the upstream has a usable page, the same request fetches it.
      page.set(USABLE);
      Reply served = gw.notes(customer[1], USER, cursor);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.header("X-Cache")).isEqualTo("MISS");
      assertThat(upstreamCalls.get()).isEqualTo(2);
      assertThat(data(served)).isEqualTo(USABLE);
      assertThat(gw.balance(customer[0])).isEqualTo(9);

      assertThat(gw.get("/metrics", null).text())
          .containsPattern(
              "xhs_openapi_upstream_calls_total\\{outcome=\"(soft_block|inner_error|malformed|unusable"
                  + "|stuck_cursor)\",source=\"relay\"} 1.0")
          .contains("xhs_openapi_upstream_calls_total{outcome=\"ok\",source=\"relay\"} 1.0");
    }
  }

  @Test
  void aPageUnderNoteList_isServed_chargedOnce_andPassedThroughByteForByte() {
    // Unusual spacing, key order, escapes and numbers: any re-serialising would show.
    String noteList =
        "{ \"success\" : true ,\"code\":0,\"data\":{\"has_more\":true,\"note_list\":[ "
            + NOTE
            + " ],\"cursor\":\""
            + NEXT
            + "\",\"x\":1.50e0,\"t\":\"\\u5b9d\"},\"zz\":null}";
    page.set(noteList);
    try (TestGateway gw = gateway("relay", Clock.systemUTC())) {
      String[] customer = customer(gw);
      Reply served = gw.notes(customer[1], USER, CURSOR);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.header("X-Cache")).isEqualTo("MISS");
      assertThat(data(served)).isEqualTo(noteList);
      assertThat(gw.balance(customer[0])).isEqualTo(9);
      assertThat(upstreamCalls.get()).isEqualTo(1);
    }
  }

  @Test
  void aLastPageWithNoNotes_isARealAnswer_servedAndCharged() {
    String empty =
        "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\"\",\"has_more\":false,"
            + "\"notes\":[]}}";
    page.set(empty);
    try (TestGateway gw = gateway("relay", Clock.systemUTC())) {
      String[] customer = customer(gw);
      Reply served = gw.notes(customer[1], USER, "");
      assertThat(served.status()).isEqualTo(200);
      assertThat(data(served)).isEqualTo(empty);
      assertThat(gw.balance(customer[0])).isEqualTo(9);
    }
  }

  @Test
  void aSimulatedUserWithNoNotes_isServedAndCharged() {
    SimUser nobody =
        SimDataset.generate(1).users().stream()
            .filter(u -> u.notes().isEmpty())
            .findFirst()
            .orElseThrow(() -> new AssertionError("the seed-1 dataset has no user without notes"));
    try (TestGateway gw = gateway("sim", Clock.systemUTC())) {
      String[] customer = customer(gw);
      Reply served = gw.notes(customer[1], nobody.userId(), "");
      assertThat(served.status()).isEqualTo(200);
      JsonNode data = served.json().at("/data/data");
      assertThat(data.get("notes").isArray()).isTrue();
      assertThat(data.get("notes").size()).isZero();
      assertThat(data.get("has_more").asBoolean()).isFalse();
      assertThat(gw.balance(customer[0])).isEqualTo(9);
    }
  }

  @Test
  void aSoftBlockingRelay_isSkipped_andTheNextProviderServesOnce() {
    page.set("{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}");
    SimUser user =
        SimDataset.generate(1).users().stream()
            .filter(u -> !u.notes().isEmpty())
            .findFirst()
            .orElseThrow();
    try (TestGateway gw = gateway("relay,sim", Clock.systemUTC())) {
      String[] customer = customer(gw);
      Reply served = gw.notes(customer[1], user.userId(), "");
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.json().at("/data/data/notes").size()).isPositive();
      assertThat(served.json().at("/data/data/notes/0/user/userid").asText())
          .isEqualTo(user.userId());
      assertThat(gw.balance(customer[0])).isEqualTo(9);
      assertThat(upstreamCalls.get()).isEqualTo(1);
      assertThat(gw.get("/metrics", null).text())
          .contains("xhs_openapi_upstream_calls_total{outcome=\"soft_block\",source=\"relay\"} 1.0")
          .contains("xhs_openapi_upstream_calls_total{outcome=\"ok\",source=\"sim\"} 1.0");
    }
  }

  @Test
  void repeatedSoftBlocks_openTheRelaysCircuit() {
    page.set("{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}");
    try (TestGateway gw = gateway("relay", Clock.systemUTC())) {
      String[] customer = customer(gw);
      // The breaker judges once 10 calls are in its window; 80 % failures open it.
      for (int i = 0; i < 10; i++) {
        assertUpstreamError(gw.notes(customer[1], USER, ""));
      }
      Reply refused = gw.notes(customer[1], USER, "");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.json().get("error").asText()).isEqualTo("upstream_unavailable");
      assertThat(upstreamCalls.get()).isEqualTo(10);
      assertThat(gw.balance(customer[0])).isEqualTo(10);
      assertThat(gw.get("/metrics", null).text())
          .contains(
              "xhs_openapi_upstream_calls_total{outcome=\"soft_block\",source=\"relay\"} 10.0")
          .contains("xhs_openapi_upstream_breaker_state{source=\"relay\",state=\"open\"} 1.0");

      Reply sources = gw.admin("GET", "/admin/v1/upstream/sources", null);
      assertThat(sources.status()).isEqualTo(200);
      JsonNode relay = sources.json().get(0);
      assertThat(relay.get("name").asText()).isEqualTo("relay");
      assertThat(relay.get("kind").asText()).isEqualTo("spiderhubs");
      assertThat(relay.get("state").asText()).isEqualTo("open");
      assertThat(relay.get("calls").asLong()).isEqualTo(11);
      assertThat(relay.get("ok").asLong()).isZero();
      assertThat(relay.get("failures").get("soft_block").asLong()).isEqualTo(10);
      assertThat(relay.get("failures").get("circuit_open").asLong()).isEqualTo(1);
      assertThat(relay.get("last_error").asText()).startsWith("circuit open");
      assertThat(relay.get("p50_ms").asDouble()).isPositive();
      assertThat(relay.get("p99_ms").asDouble())
          .isGreaterThanOrEqualTo(relay.get("p50_ms").asDouble());
      assertThat(sources.text()).doesNotContain("sk_live_scriptedupstream");
    }
  }

  @Test
  void aSoftBlockAfterTheTtl_servesTheStalePage_andAfterTheStalePeriodIs502() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
    try (TestGateway gw = gateway("relay", clock)) {
      String[] customer = customer(gw);
      Reply fresh = gw.notes(customer[1], USER, "");
      assertThat(fresh.status()).isEqualTo(200);

      page.set("{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}");
      clock.advance(Duration.ofSeconds(61));
      Reply stale = gw.notes(customer[1], USER, "");
      assertThat(stale.status()).isEqualTo(200);
      assertThat(stale.header("X-Cache")).isEqualTo("STALE");
      assertThat(data(stale)).isEqualTo(USABLE);
      assertThat(upstreamCalls.get()).isEqualTo(2);

      clock.advance(Duration.ofSeconds(601));
      assertUpstreamError(gw.notes(customer[1], USER, ""));
      assertThat(upstreamCalls.get()).isEqualTo(3);
      // The fresh page and the stale one were answers; the soft block was not.
      assertThat(gw.balance(customer[0])).isEqualTo(8);
    }
  }

  private static void assertUpstreamError(Reply r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(502);
    JsonNode body = r.json();
    assertThat(body.get("code").asInt()).isEqualTo(502);
    assertThat(body.get("error").asText()).isEqualTo("upstream_error");
    assertThat(body.get("message").asText()).contains("not charged");
    assertThat(body.get("request_id").asText()).matches(UUID_V4);
    assertThat(r.header("X-Request-Id")).isEqualTo(body.get("request_id").asText());
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(r.header("X-Cache")).isNull();
  }

  /** The {@code data} value of a success envelope, as raw text. */
  private static String data(Reply r) {
    String text = r.text();
    int start = text.indexOf("\"data\":") + "\"data\":".length();
    return text.substring(start, text.length() - 1);
  }
}
