package dev.xhsopenapi.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimFlavor;
import dev.xhsopenapi.upstream.sim.SimNote;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A creator's whole walk through commercial sources, each a simulator speaking that vendor's wire
 * (paths, auth, envelope, codes): one source soft-blocks and then runs out of credit half-way, the
 * next serves the rest, and the customer gets every note once, pays exactly the pages answered 200,
 * and the operator sees each source's state, failure classes, calls and spend, which agree with
 * what the vendors billed.
 */
class SourceFailoverTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final SimUser CREATOR =
      DATASET.users().stream()
          .filter(u -> u.notes().stream().map(SimNote::id).distinct().count() == 200)
          .findFirst()
          .orElseThrow();
  private static final String TIKHUB_KEY = "tk-secret-0123456789abcdef";
  private static final String JUSTONE_KEY = "jo-secret-0123456789abcdef";
  private static final String SPIDERHUBS_KEY = "sk_live_upstreamsecret0123456789ab";

  @TempDir Path dir;

  private final List<SimServer> servers = new ArrayList<>();

  /** Every log line of the gateway while a test runs, to check that no source's key is in one. */
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    lines.start();
    root().addAppender(lines);
  }

  @AfterEach
  void stop() {
    servers.forEach(SimServer::stop);
    root().detachAppender(lines);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Each captured line as a log reader sees it: message, arguments, MDC and exception. */
  private String logged() {
    StringBuilder out = new StringBuilder();
    for (ILoggingEvent e : lines.list) {
      out.append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        out.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private Simulator vendor(SimFlavor flavor, String key, String faults) {
    Simulator sim =
        new Simulator(
            DATASET,
            SimSigner.withDefaultSecret(),
            SimFaults.NONE.merge(faults),
            // Fault seed 2 draws soft blocks among TikHub's first ten calls (seed 1 happens not
            // to).
            Simulator.faultSeedFor(2),
            Clock.systemUTC(),
            flavor,
            key);
    servers.add(new SimServer(sim, 0).start());
    return sim;
  }

  private String url(int index) {
    return servers.get(index).uri().toString();
  }

  @Test
  void aWalkThroughTikHubThenJustOneApi_survivesSoftBlocksAndAnExhaustedBalance() {
    Simulator tikhub = vendor(SimFlavor.TIKHUB, TIKHUB_KEY, "{\"soft_block_rate\":0.3}");
    Simulator justone = vendor(SimFlavor.JUSTONEAPI, JUSTONE_KEY, "{}");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("upstream.chain", "tikhub,justoneapi");
    settings.put("upstream.sources.tikhub.kind", "tikhub");
    settings.put("upstream.sources.tikhub.base-url", url(0));
    settings.put("upstream.sources.tikhub.api-key", TIKHUB_KEY);
    settings.put("upstream.sources.tikhub.cost", "0.001");
    settings.put("upstream.sources.justoneapi.kind", "justoneapi");
    settings.put("upstream.sources.justoneapi.base-url", url(1));
    settings.put("upstream.sources.justoneapi.token", JUSTONE_KEY);
    settings.put("upstream.sources.justoneapi.cost", "0.002");
    try (TestGateway gw = TestGateway.start(dir, settings)) {
      String account = gw.createAccount("walker", 1000, 10_000);
      String key = gw.createKey(account);
      LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);

      Walk walk =
          walk(gw, key, () -> tikhub.updateFaults(f -> f.merge("{\"out_of_credit\":true}")));

      assertThat(walk.ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(noteIds());
      assertThat(gw.balance(account)).isEqualTo(1000 - walk.pages);
      assertThat(justone.billed()).isPositive();

      Reply sources = gw.admin("GET", "/admin/v1/upstream/sources", null);
      assertThat(sources.status()).isEqualTo(200);
      JsonNode tk = sources.json().get(0);
      JsonNode jo = sources.json().get(1);
      assertThat(tk.get("name").asText()).isEqualTo("tikhub");
      assertThat(tk.get("kind").asText()).isEqualTo("tikhub");
      assertThat(tk.get("state").asText()).isEqualTo("open");
      assertThat(tk.get("failures").get("out_of_credit")).as(tk.toString()).isNotNull();
      assertThat(tk.get("failures").get("out_of_credit").asLong()).isEqualTo(1);
      assertThat(tk.get("failures").get("soft_block")).as(tk.toString()).isNotNull();
      assertThat(tk.get("failures").get("soft_block").asLong()).isPositive();
      // What we count as billed is what the vendor billed: every HTTP 200, soft blocks included.
      assertThat(tk.get("billed").asLong()).isEqualTo(tikhub.billed());
      assertThat(new BigDecimal(tk.get("spend").asText()))
          .isEqualByComparingTo(
              new BigDecimal("0.001").multiply(BigDecimal.valueOf(tikhub.billed())));
      assertThat(jo.get("name").asText()).isEqualTo("justoneapi");
      assertThat(jo.get("state").asText()).isEqualTo("closed");
      assertThat(jo.get("calls").asLong()).isEqualTo(jo.get("ok").asLong()).isPositive();
      assertThat(jo.get("billed").asLong()).isEqualTo(justone.billed());
      assertThat(new BigDecimal(jo.get("spend").asText()))
          .isEqualByComparingTo(
              new BigDecimal("0.002").multiply(BigDecimal.valueOf(justone.billed())));
      assertThat(
              tk.get("calls").asLong()
                  - tk.get("failures").get("circuit_open").asLong()
                  + jo.get("calls").asLong())
          .as("every page took one call of each source it reached")
          .isGreaterThanOrEqualTo(walk.pages);

      // The same counts in Prometheus, by source.
      assertThat(gw.get("/metrics", null).text())
          .contains(
              "xhs_openapi_upstream_billed_calls_total{source=\"tikhub\"} "
                  + (double) tikhub.billed())
          .contains(
              "xhs_openapi_upstream_billed_calls_total{source=\"justoneapi\"} "
                  + (double) justone.billed())
          .contains(
              "xhs_openapi_upstream_calls_total{outcome=\"out_of_credit\",source=\"tikhub\"} 1.0")
          .contains("xhs_openapi_upstream_breaker_state{source=\"tikhub\",state=\"open\"} 1.0")
          .containsPattern("xhs_openapi_upstream_spend_total\\{source=\"justoneapi\"} 0\\.0[0-9]+");

      // The usage report has the days' upstream spend beside the credits charged (the days the
      // walk ran on: it may have crossed midnight).
      JsonNode usage =
          gw.admin(
                  "GET",
                  "/admin/v1/accounts/"
                      + account
                      + "/usage?from="
                      + firstDay
                      + "&to="
                      + LocalDate.now(ZoneOffset.UTC),
                  null)
              .json();
      assertThat(usage.get("charged").asLong()).isEqualTo(walk.pages);
      BigDecimal spent =
          new BigDecimal(tk.get("spend").asText()).add(new BigDecimal(jo.get("spend").asText()));
      assertThat(new BigDecimal(usage.get("spend").asText())).isEqualByComparingTo(spent);
      BigDecimal byDay = BigDecimal.ZERO;
      for (JsonNode day : usage.get("by_day")) {
        byDay = byDay.add(new BigDecimal(day.get("spend").asText()));
      }
      assertThat(byDay).isEqualByComparingTo(spent);

      assertThat(sources.text() + usage + walk.bodies)
          .doesNotContain(TIKHUB_KEY)
          .doesNotContain(JUSTONE_KEY);
      // The failover was logged (the exhausted source's WARN among it), without a key.
      assertThat(logged())
          .contains("source tikhub is exhausted (out_of_credit)")
          .doesNotContain(TIKHUB_KEY)
          .doesNotContain(JUSTONE_KEY);
    }
  }

  @Test
  void theSameWalk_throughSpiderHubs_asANamedSource_andAsTheOlderRelaySettings() {
    Simulator spiderhubs = vendor(SimFlavor.SPIDERHUBS, SPIDERHUBS_KEY, "{}");
    Map<String, String> named = new LinkedHashMap<>();
    named.put("upstream.chain", "spiderhubs");
    named.put("upstream.sources.spiderhubs.kind", "spiderhubs");
    named.put("upstream.sources.spiderhubs.base-url", url(0));
    named.put("upstream.sources.spiderhubs.api-key", SPIDERHUBS_KEY);
    Map<String, String> relay = new LinkedHashMap<>();
    relay.put("upstream.chain", "relay");
    relay.put("upstream.relay.base-url", url(0));
    relay.put("upstream.relay.api-key", SPIDERHUBS_KEY);
    long billedBefore = 0;
    for (Map<String, String> settings : List.of(named, relay)) {
      try (TestGateway gw =
          TestGateway.start(dir.resolve(settings.get("upstream.chain")), settings)) {
        String account = gw.createAccount("walker", 1000, 10_000);
        Walk walk = walk(gw, gw.createKey(account), () -> {});
        assertThat(walk.ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(noteIds());
        assertThat(gw.balance(account)).isEqualTo(1000 - walk.pages);
        assertThat(spiderhubs.billed() - billedBefore).isEqualTo(walk.pages);
        billedBefore = spiderhubs.billed();
        JsonNode source = gw.admin("GET", "/admin/v1/upstream/sources", null).json().get(0);
        assertThat(source.get("kind").asText()).isEqualTo("spiderhubs");
        assertThat(source.get("ok").asLong()).isEqualTo(walk.pages);
        assertThat(source.get("saved_by_cache").asLong()).isZero();
        // The first page again, from the cache: one call the source did not get, or bill.
        assertThat(gw.notes(gw.createKey(account), CREATOR.userId(), "").header("X-Cache"))
            .isEqualTo("HIT");
        assertThat(spiderhubs.billed()).isEqualTo(billedBefore);
        JsonNode after = gw.admin("GET", "/admin/v1/upstream/sources", null).json().get(0);
        assertThat(after.get("saved_by_cache").asLong()).isEqualTo(1);
        assertThat(after.get("calls").asLong()).isEqualTo(walk.pages);
        assertThat(walk.bodies).doesNotContain(SPIDERHUBS_KEY);
        assertThat(logged()).isNotEmpty().doesNotContain(SPIDERHUBS_KEY);
      }
    }
  }

  private static Set<String> noteIds() {
    Set<String> ids = new HashSet<>();
    CREATOR.notes().stream().map(SimNote::id).forEach(ids::add);
    return ids;
  }

  /** The notes read, pages answered, and every body seen. */
  private static final class Walk {
    final List<String> ids = new ArrayList<>();
    int pages;
    final StringBuilder bodies = new StringBuilder();
  }

  /** Walks the creator's pages; {@code halfWay} runs once half of the notes are read. */
  private static Walk walk(TestGateway gw, String key, Runnable halfWay) {
    Walk walk = new Walk();
    String cursor = "";
    boolean ran = false;
    while (true) {
      Reply page = gw.notes(key, CREATOR.userId(), cursor);
      walk.bodies.append(page.text());
      assertThat(page.status()).as("page %d: %s", walk.pages + 1, page.text()).isEqualTo(200);
      walk.pages++;
      JsonNode data = page.json().at("/data/data");
      for (JsonNode note : data.get("notes")) {
        walk.ids.add(note.get("id").asText());
      }
      if (!ran && walk.ids.size() >= 100) {
        halfWay.run();
        ran = true;
      }
      if (!data.get("has_more").asBoolean()) {
        return walk;
      }
      cursor = data.get("cursor").asText();
      assertThat(walk.pages).as("the walk ends").isLessThan(100);
    }
  }
}
