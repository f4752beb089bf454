package dev.xhsopenapi.upstream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimProvider;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Upstream#simulatedCreators}: posts into the chain's own simulator, seen through it. */
class SimulatedCreatorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final String NOBODY = "000000000000000000000001";
  private static final UpstreamSettings.Sim SIM = new UpstreamSettings.Sim(1, null, Duration.ZERO);

  @Test
  void simChain_post_isTheFirstNoteAfterThePins_inTheNextFetch() throws Exception {
    SampleUser creator = Upstream.sampleUser(SIM);
    try (Upstream upstream = Upstream.open(settings(List.of("sim"), List.of()), CLOCK, none())) {
      List<JsonNode> before = notes(upstream, creator.userId());

      SimulatedCreators creators = upstream.simulatedCreators().orElseThrow();
      JsonNode note =
          JSON.readTree(creators.post(creator.userId(), "关注的博主更新了").orElseThrow().getBytes(UTF_8));

      List<JsonNode> after = notes(upstream, creator.userId());
      int pins = (int) before.stream().filter(n -> n.path("sticky").asBoolean()).count();
      assertThat(pins).isPositive();
      assertThat(ids(after.subList(0, pins))).isEqualTo(ids(before.subList(0, pins)));
      assertThat(after.get(pins).path("id").asText()).isEqualTo(note.path("id").asText());
      assertThat(after.get(pins).path("display_title").asText()).isEqualTo("关注的博主更新了");
      assertThat(after.get(pins + 1).path("id").asText())
          .isEqualTo(before.get(pins).path("id").asText());
      assertThat(creators.post(NOBODY, null)).isEmpty();
    }
  }

  @Test
  void severalSimSources_postIntoTheFirst() throws Exception {
    SampleUser creator = Upstream.sampleUser(SIM);
    UpstreamSettings two =
        settings(List.of("sim-a", "sim-b"), List.of(simSource("sim-a"), simSource("sim-b")));
    try (Upstream upstream = Upstream.open(two, CLOCK, none())) {
      String id =
          JSON.readTree(
                  upstream
                      .simulatedCreators()
                      .orElseThrow()
                      .post(creator.userId(), null)
                      .orElseThrow()
                      .getBytes(UTF_8))
              .path("id")
              .asText();

      // The chain asks its first source, so the post shows only if it went there.
      assertThat(ids(notes(upstream, creator.userId()))).contains(id);
    }
  }

  @Test
  void chainWithoutASimSource_hasNoCreators() {
    UpstreamSettings.Source vendor =
        new UpstreamSettings.Source(
            "backup",
            "spiderhubs",
            "http://127.0.0.1:9",
            "sk_live_x",
            BigDecimal.ZERO,
            Duration.ofSeconds(1),
            Map.of());
    try (Upstream upstream =
        Upstream.open(settings(List.of("backup"), List.of(vendor)), CLOCK, none())) {
      assertThat(upstream.simulatedCreators()).isEmpty();
    }
  }

  @Test
  void providersGivenToOf_areNotCreators_evenASimulator() {
    SimProvider given =
        new SimProvider(
            new Simulator(
                SimDataset.generate(1), SimSigner.withDefaultSecret(), SimFaults.NONE, CLOCK),
            CLOCK);
    try (Upstream upstream =
        Upstream.of(settings(List.of("sim"), List.of()), List.of(given), CLOCK, none())) {
      assertThat(upstream.simulatedCreators()).isEmpty();
    }
  }

  private static List<JsonNode> notes(Upstream upstream, String userId) throws Exception {
    UpstreamAnswer answer =
        upstream
            .chain()
            .fetch(
                Requests.notes(userId, ""),
                new UpstreamCall("r1", "acc", Instant.now().plusSeconds(5)));
    assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
    List<JsonNode> notes = new ArrayList<>();
    JSON.readTree(((UpstreamAnswer.Data) answer).body())
        .path("data")
        .path("notes")
        .forEach(notes::add);
    return notes;
  }

  private static List<String> ids(List<JsonNode> notes) {
    return notes.stream().map(n -> n.path("id").asText()).toList();
  }

  private static UpstreamSettings.Source simSource(String name) {
    return new UpstreamSettings.Source(
        name, "sim", null, null, BigDecimal.ZERO, Duration.ofSeconds(5), Map.of());
  }

  private static UpstreamEvents none() {
    return UpstreamEvents.NONE;
  }

  private static UpstreamSettings settings(
      List<String> chain, List<UpstreamSettings.Source> sources) {
    return new UpstreamSettings(
        chain,
        Duration.ofSeconds(8),
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        sources,
        null,
        new UpstreamSettings.Relay(null, null, "/notes", Duration.ofSeconds(5)),
        SIM);
  }
}
