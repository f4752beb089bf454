package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's entry point: what it builds from settings, and what it shows and reports. */
class UpstreamTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final String NOBODY = "000000000000000000000001";

  @TempDir Path dir;

  private final Recorded events = new Recorded();

  @Test
  void open_withTheSimulator_fetchesThroughTheChain_andReportsEachCall() throws Exception {
    try (Upstream upstream = Upstream.open(settings(List.of("sim"), null), CLOCK, events)) {
      SampleUser sample = Upstream.sampleUser(sim());

      UpstreamAnswer page = upstream.chain().fetch(Requests.notes(sample.userId(), ""), call());
      UpstreamAnswer none = upstream.chain().fetch(Requests.notes(NOBODY, ""), call());

      assertThat(page).isInstanceOf(UpstreamAnswer.Data.class);
      assertThat(none).isInstanceOf(UpstreamAnswer.NotFound.class);
      assertThat(events.providerCalls).containsExactly("sim ok", "sim user_not_found");
      assertThat(upstream.names()).containsExactly("sim");
      assertThat(upstream.budget()).isEqualTo(Duration.ofSeconds(8));
      assertThat(upstream.health())
          .containsExactly(new ProviderHealth("sim", "sim", ProviderHealth.Circuit.CLOSED, null));
      assertThat(upstream.health().get(0).up()).isTrue();
      assertThat(upstream.sessions()).isEmpty();
    }
  }

  @Test
  void open_refusesAChainThatCannotWork_sayingWhy() {
    assertThatThrownBy(() -> Upstream.open(settings(List.of("tikhub"), null), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upstream.chain names 'tikhub', which is neither a source");
    assertThatThrownBy(() -> Upstream.open(settings(List.of("sim", "sim"), null), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names a source twice");
    assertThatThrownBy(() -> Upstream.open(settings(List.of(), null), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one source");
    assertThatThrownBy(() -> Upstream.open(settings(List.of("relay"), null), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upstream.relay.base-url and upstream.relay.api-key");
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> Upstream.open(settings(List.of("xhs-app"), missing), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upstream.xhs-app.sessions-file")
        .hasMessageContaining("does not exist");
  }

  @Test
  void sessions_ofTheAppProvider_areListedAddedAndRetired_andShowInItsHealth() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("sessions.json"),
            "[{\"id\":\"s1\",\"sid\":\"session.0123456789abcdef\",\"proxy\":\"http://p:3128\"}]");
    try (Upstream upstream =
        Upstream.open(settings(List.of("xhs-app", "sim"), file), CLOCK, events)) {
      AppSessions sessions = upstream.sessions().orElseThrow();
      SessionStatus s1 = sessions.list().get(0);
      assertThat(s1.id()).isEqualTo("s1");
      assertThat(s1.sidPrefix()).isEqualTo("session.0123");
      assertThat(s1.state()).isEqualTo(SessionStatus.State.ACTIVE);
      assertThat(s1.proxy()).isEqualTo("p:3128");
      assertThat(s1.failures()).isEmpty();

      SessionStatus s2 =
          sessions.add(new SessionSpec("s2", "session.2", null, null, null, Map.of()));
      assertThat(s2.state()).isEqualTo(SessionStatus.State.ACTIVE);
      assertThatThrownBy(
              () -> sessions.add(new SessionSpec("s1", "session.x", null, null, null, Map.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already in use");
      assertThat(upstream.health().get(0))
          .isEqualTo(
              new ProviderHealth(
                  "xhs-app",
                  "xhs-app",
                  ProviderHealth.Circuit.CLOSED,
                  new ProviderHealth.SessionCounts(2, 0, 0)));

      assertThat(sessions.retire("s1")).isTrue();
      assertThat(sessions.retire("s2")).isTrue();
      assertThat(sessions.retire("s3")).isFalse();
      assertThat(sessions.list()).isEmpty();
      assertThat(upstream.health().get(0).up()).isFalse();
      assertThat(upstream.health().get(1).up()).isTrue();
    }
  }

  @Test
  void of_putsEachGivenProviderBehindABreaker_thatOpensAfterRepeatedFailures() throws Exception {
    UpstreamProvider failing =
        new UpstreamProvider() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public Set<Operation> operations() {
            return Set.of(Operation.USER_NOTES);
          }

          @Override
          public UpstreamAnswer fetch(UpstreamRequest query, UpstreamCall call)
              throws UpstreamException {
            throw new UpstreamException(UpstreamException.Kind.UNUSABLE, name(), "broken");
          }
        };
    try (Upstream upstream =
        Upstream.of(settings(List.of("sim"), null), List.of(failing), CLOCK, events)) {
      // The breaker judges after 10 calls; all failed, so it opens and refuses the 11th.
      for (int i = 0; i < 11; i++) {
        assertThatThrownBy(() -> upstream.chain().fetch(Requests.notes(NOBODY, ""), call()))
            .isInstanceOf(UpstreamException.class);
      }

      assertThat(events.providerCalls).hasSize(11).startsWith("flaky unusable");
      assertThat(events.providerCalls.get(10)).isEqualTo("flaky circuit_open");
      SourceReport report = upstream.sources().get(0);
      assertThat(report.name()).isEqualTo("flaky");
      assertThat(report.kind()).isEqualTo("custom");
      assertThat(report.circuit()).isEqualTo(ProviderHealth.Circuit.OPEN);
      assertThat(report.calls()).isEqualTo(11);
      assertThat(report.ok()).isZero();
      assertThat(report.failures())
          .containsExactly(entry("circuit_open", 1L), entry("unusable", 10L));
      assertThat(report.lastError()).isEqualTo("circuit open after repeated failures of flaky");
      assertThat(report.lastErrorAt()).isNotNull().isBeforeOrEqualTo(Instant.now());
      assertThat(report.spend()).isEqualByComparingTo("0");
      ProviderHealth health = upstream.health().get(0);
      assertThat(health.kind()).isEqualTo("custom");
      assertThat(health.circuit()).isEqualTo(ProviderHealth.Circuit.OPEN);
      assertThat(health.up()).isFalse();
    }
    assertThatThrownBy(() -> Upstream.of(settings(List.of("sim"), null), List.of(), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_resolvesChainNames_toDeclaredSources_orTheOlderBlocks_andRefusesUnknownOnes() {
    UpstreamSettings declared =
        withSources(
            List.of("backup", "sim"),
            List.of(
                new UpstreamSettings.Source(
                    "backup",
                    "spiderhubs",
                    "http://127.0.0.1:9",
                    "sk_live_x",
                    new BigDecimal("0.002"),
                    Duration.ofSeconds(5),
                    Map.of())));
    try (Upstream upstream = Upstream.open(declared, CLOCK, events)) {
      assertThat(upstream.sources())
          .extracting(SourceReport::name, SourceReport::kind, SourceReport::calls)
          .containsExactly(tuple("backup", "spiderhubs", 0L), tuple("sim", "sim", 0L));
    }
    assertThatThrownBy(
            () -> Upstream.open(withSources(List.of("nobody"), List.of()), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "upstream.chain names 'nobody', which is neither a source under upstream.sources nor"
                + " one of xhs-app, sim, relay");
    UpstreamSettings.Source odd =
        new UpstreamSettings.Source(
            "odd", "carrier-pigeon", null, null, BigDecimal.ZERO, Duration.ofSeconds(1), Map.of());
    assertThatThrownBy(
            () -> Upstream.open(withSources(List.of("odd"), List.of(odd)), CLOCK, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("upstream.sources.odd.kind is 'carrier-pigeon'; known kinds: ");
    assertThatThrownBy(
            () -> Upstream.open(withSources(List.of("odd"), List.of(odd, odd)), CLOCK, events))
        .hasMessage("upstream.sources declares odd twice");
    assertThatThrownBy(() -> Upstream.open(withSources(List.of("relay"), List.of()), CLOCK, events))
        .hasMessageStartingWith("the relay source needs upstream.relay.base-url");
  }

  private static UpstreamSettings withSources(
      List<String> chain, List<UpstreamSettings.Source> sources) {
    UpstreamSettings base = settings(chain, null);
    return new UpstreamSettings(
        chain,
        base.budget(),
        base.breakerOpenFor(),
        base.exhaustedOpenFor(),
        sources,
        base.xhsApp(),
        base.relay(),
        base.sim());
  }

  @Test
  void sampleUser_isTheDatasetsSampleUser() {
    SimUser expected = SimDataset.generate(1).sampleUser().orElseThrow();
    assertThat(Upstream.sampleUser(sim()))
        .isEqualTo(new SampleUser(expected.userId(), expected.notes().size()));
  }

  private static UpstreamSettings settings(List<String> chain, Path sessionsFile) {
    return new UpstreamSettings(
        chain,
        Duration.ofSeconds(8),
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        List.of(),
        new UpstreamSettings.XhsApp(
            "http://127.0.0.1:9",
            "http://127.0.0.1:9/sign",
            sessionsFile,
            Duration.ofSeconds(2),
            0.25,
            Duration.ofSeconds(3),
            3,
            Duration.ofMinutes(10),
            Duration.ofMinutes(5),
            Duration.ofMinutes(60),
            Duration.ofMinutes(30),
            List.of(-10000)),
        new UpstreamSettings.Relay(null, null, "/notes", Duration.ofSeconds(5)),
        sim());
  }

  private static UpstreamSettings.Sim sim() {
    return new UpstreamSettings.Sim(1, null, Duration.ZERO);
  }

  private static UpstreamCall call() {
    return new UpstreamCall("r1", "acc", Instant.now().plusSeconds(5));
  }

  /** The events reported, as {@code "provider outcome"}. */
  private static final class Recorded implements UpstreamEvents {
    final List<String> providerCalls = new CopyOnWriteArrayList<>();

    @Override
    public void providerCall(String provider, String outcome, long nanos) {
      providerCalls.add(provider + " " + outcome);
    }

    @Override
    public void sessionCall(String provider, String session, String outcome, long nanos) {}
  }
}
