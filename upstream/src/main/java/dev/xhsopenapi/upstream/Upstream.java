package dev.xhsopenapi.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimProvider;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import dev.xhsopenapi.upstream.vendor.VendorKind;
import dev.xhsopenapi.upstream.vendor.VendorSettings;
import dev.xhsopenapi.upstream.vendor.Vendors;
import dev.xhsopenapi.upstream.xhsapp.CoolDowns;
import dev.xhsopenapi.upstream.xhsapp.SessionPool;
import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import dev.xhsopenapi.upstream.xhsapp.XhsAppProvider;
import dev.xhsopenapi.upstream.xhsapp.XhsAppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream as the gateway uses it: the provider chain built from {@link UpstreamSettings},
 * every provider behind its own circuit breaker (which holds each page to the {@link PageRule}) and
 * reported to the {@link UpstreamEvents} given at the start, plus the operator's view of it: each
 * provider's health and the {@code xhs-app} sessions.
 *
 * <pre>{@code
 * try (Upstream upstream = Upstream.open(settings, clock, events)) {
 *   UpstreamAnswer answer = upstream.chain().fetch(Operation.USER_NOTES.request(params), call);
 * }
 * }</pre>
 */
public final class Upstream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Upstream.class);

  /** The kind of a provider given as such rather than named in the settings. */
  static final String CUSTOM = "custom";

  private final Duration budget;
  private final List<Link> links;
  private final ProviderChain chain;

  private Upstream(Duration budget, List<Link> links, UpstreamEvents events, Clock clock) {
    this.budget = budget;
    this.links = List.copyOf(links);
    this.chain =
        new ProviderChain(
            links.stream()
                .<UpstreamProvider>map(l -> new ReportedProvider(l.breaker(), events, l.stats()))
                .toList(),
            clock);
  }

  /**
   * Builds the sources that {@code settings.chain()} names, in order, each behind a circuit
   * breaker. A name is looked up among {@code settings.sources()}; {@code xhs-app}, {@code sim} and
   * {@code relay} that are not declared there stand for the older settings blocks (kind {@code
   * xhs-app}, {@code sim}, and {@code spiderhubs} at {@code upstream.relay.*}). A {@code sim}
   * source runs a simulator in this process over the dataset of {@code settings.sim()}; an {@code
   * xhs-app} source reads its sessions file now.
   *
   * @param clock the time of deadlines, paces, cool-downs and the simulator
   * @param events where every source call and every {@code xhs-app} session call is reported
   * @throws IllegalArgumentException when the chain is empty, names a source twice or an unknown
   *     one, two sources share a name, or a source's settings are incomplete or its files cannot be
   *     read (the message says which setting)
   */
  public static Upstream open(UpstreamSettings settings, Clock clock, UpstreamEvents events) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(events, "events");
    List<String> names = settings.chain();
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("upstream.chain names a source twice: " + names);
    }
    Map<String, UpstreamSettings.Source> declared = new LinkedHashMap<>();
    for (UpstreamSettings.Source source : settings.sources()) {
      if (declared.put(source.name(), source) != null) {
        throw new IllegalArgumentException("upstream.sources declares " + source.name() + " twice");
      }
    }
    List<UpstreamSettings.Source> chained = new ArrayList<>();
    for (String name : names) {
      chained.add(declared.containsKey(name) ? declared.get(name) : builtIn(name, settings));
    }
    Map<String, SourceStats> stats = new LinkedHashMap<>();
    for (UpstreamSettings.Source source : chained) {
      stats.put(source.name(), new SourceStats(source.name(), source.kind(), source.cost(), clock));
    }
    UpstreamEvents billing = new Billing(events, stats);
    ObjectMapper json = new ObjectMapper();
    List<Link> links = new ArrayList<>();
    try {
      for (UpstreamSettings.Source source : chained) {
        SourceStats counts = stats.get(source.name());
        links.add(
            switch (source.kind()) {
              case SimProvider.NAME ->
                  link(source.kind(), sim(settings.sim(), clock), null, true, settings, counts);
              case XhsAppProvider.NAME -> xhsApp(settings, json, clock, billing, counts);
              case "spiderhubs", "tikhub", "justoneapi" ->
                  link(
                      source.kind(),
                      vendor(source, json, clock, billing),
                      null,
                      true,
                      settings,
                      counts);
              default ->
                  throw new IllegalArgumentException(
                      "upstream.sources."
                          + source.name()
                          + ".kind is '"
                          + source.kind()
                          + "'; known kinds: "
                          + String.join(", ", KINDS));
            });
      }
    } catch (RuntimeException e) {
      links.forEach(Link::close);
      throw e;
    }
    if (links.isEmpty()) {
      throw new IllegalArgumentException("the upstream chain needs at least one source");
    }
    return new Upstream(settings.budget(), links, billing, clock);
  }

  /** The chain name of the older single SpiderHubs-compatible source ({@code upstream.relay}). */
  private static final String RELAY = "relay";

  /** The kinds of source {@link #open} builds. */
  static final List<String> KINDS = List.of("xhs-app", "spiderhubs", "tikhub", "justoneapi", "sim");

  /**
   * Each vendor's base URL when a source does not give one (DESIGN §4, SOURCES-FACTS A.1, B.1,
   * C.1).
   */
  private static final Map<VendorKind, String> DEFAULT_BASE_URLS =
      Map.of(
          VendorKind.SPIDERHUBS, "https://api.spiderhubs.com",
          VendorKind.TIKHUB, "https://api.tikhub.io",
          VendorKind.JUSTONEAPI, "https://api.justoneapi.com");

  /** The source a chain name stands for when {@code upstream.sources} does not declare it. */
  private static UpstreamSettings.Source builtIn(String name, UpstreamSettings settings) {
    return switch (name) {
      case SimProvider.NAME ->
          new UpstreamSettings.Source(
              name, name, null, null, BigDecimal.ZERO, settings.budget(), Map.of());
      case XhsAppProvider.NAME ->
          new UpstreamSettings.Source(
              name,
              name,
              null,
              null,
              BigDecimal.ZERO,
              settings.xhsApp() == null ? settings.budget() : settings.xhsApp().timeout(),
              Map.of());
      case RELAY -> {
        UpstreamSettings.Relay r = settings.relay();
        if (r == null || r.baseUrl() == null || r.apiKey() == null) {
          throw new IllegalArgumentException(
              "the relay source needs upstream.relay.base-url and upstream.relay.api-key"
                  + " (env XHS_OPENAPI_UPSTREAM_RELAY_BASE_URL,"
                  + " XHS_OPENAPI_UPSTREAM_RELAY_API_KEY)");
        }
        yield new UpstreamSettings.Source(
            name,
            "spiderhubs",
            r.baseUrl(),
            r.apiKey(),
            BigDecimal.ZERO,
            r.timeout(),
            Map.of(Operation.USER_NOTES.id(), r.path()));
      }
      default ->
          throw new IllegalArgumentException(
              "upstream.chain names '"
                  + name
                  + "', which is neither a source under upstream.sources nor one of xhs-app,"
                  + " sim, relay");
    };
  }

  /**
   * Builds the chain over the given providers, in order, in place of the ones {@code
   * settings.chain()} names: for embedding and tests. Each is put behind a circuit breaker (with
   * {@code settings.breakerOpenFor()}) and reported to {@code events}, as {@link #open} does; its
   * {@link ProviderHealth#kind() kind} is {@code custom} and its calls cost nothing.
   *
   * @throws IllegalArgumentException when {@code providers} is empty
   */
  public static Upstream of(
      UpstreamSettings settings,
      List<UpstreamProvider> providers,
      Clock clock,
      UpstreamEvents events) {
    Objects.requireNonNull(events, "events");
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("the upstream chain needs at least one provider");
    }
    List<Link> links =
        providers.stream()
            .map(
                p ->
                    link(
                        CUSTOM,
                        p,
                        null,
                        false,
                        settings,
                        new SourceStats(p.name(), CUSTOM, BigDecimal.ZERO, clock)))
            .toList();
    return new Upstream(settings.budget(), links, events, clock);
  }

  /**
   * The user of the simulator's dataset that a demo suggests calling: the dataset {@code sim} would
   * serve with these settings.
   *
   * @throws IllegalArgumentException when the dataset has no notes
   * @throws UncheckedIOException when the dataset file cannot be read
   */
  public static SampleUser sampleUser(UpstreamSettings.Sim sim) {
    SimUser user =
        dataset(sim)
            .sampleUser()
            .orElseThrow(() -> new IllegalArgumentException("the simulator dataset has no notes"));
    return new SampleUser(user.userId(), user.notes().size());
  }

  /** The chain to fetch through: the providers in order, each behind its circuit breaker. */
  public ProviderChain chain() {
    return chain;
  }

  /**
   * The time one customer request may spend upstream; callers set each {@link UpstreamCall}'s
   * deadline this far ahead.
   */
  public Duration budget() {
    return budget;
  }

  /** The providers' names, in chain order. */
  public List<String> names() {
    return chain.names();
  }

  /** Each provider's health now, in chain order. */
  public List<ProviderHealth> health() {
    return links.stream().map(Link::health).toList();
  }

  /** Each source's calls, failures, spend and times since this node started, in chain order. */
  public List<SourceReport> sources() {
    return links.stream().map(l -> l.stats().report(l.breaker().circuit())).toList();
  }

  /**
   * The creators of the simulator in this chain, when the chain runs one in this process ({@code
   * sim}); empty otherwise. With several {@code sim} sources, those of the first in chain order.
   * Only the sources {@link #open} builds count, not the providers given to {@link #of}.
   */
  public Optional<SimulatedCreators> simulatedCreators() {
    return links.stream()
        .filter(l -> l.kind().equals(SimProvider.NAME))
        .map(Link::provider)
        .filter(SimProvider.class::isInstance)
        .map(p -> ((SimProvider) p).creators())
        .findFirst();
  }

  /** The {@code xhs-app} provider's sessions, or empty when the chain has no such provider. */
  public Optional<AppSessions> sessions() {
    return links.stream()
        .map(Link::pool)
        .filter(Objects::nonNull)
        .<AppSessions>map(pool -> pool)
        .findFirst();
  }

  /**
   * Releases what the providers built by {@link #open} hold (their HTTP clients); providers given
   * to {@link #of} are left to their owner. Call it once no call is in flight; the chain must not
   * be used after.
   */
  @Override
  public void close() {
    links.forEach(Link::close);
  }

  private static Link link(
      String kind,
      UpstreamProvider provider,
      SessionPool pool,
      boolean owned,
      UpstreamSettings settings,
      SourceStats stats) {
    return new Link(
        kind,
        provider,
        new CircuitBreakingProvider(
            provider, settings.breakerOpenFor(), settings.exhaustedOpenFor()),
        pool,
        owned,
        stats);
  }

  private static Link xhsApp(
      UpstreamSettings settings,
      ObjectMapper json,
      Clock clock,
      UpstreamEvents events,
      SourceStats stats) {
    UpstreamSettings.XhsApp s = Objects.requireNonNull(settings.xhsApp(), "xhs-app settings");
    if (s.sessionsFile() == null || !Files.isRegularFile(s.sessionsFile())) {
      throw new IllegalArgumentException(
          "upstream.xhs-app.sessions-file "
              + (s.sessionsFile() == null ? "(not set)" : s.sessionsFile().toAbsolutePath())
              + " does not exist; it lists the upstream sessions as JSON: "
              + "[{\"id\":\"s1\",\"sid\":\"session.…\",\"device_id\":\"…\",\"fid\":\"…\","
              + "\"proxy\":null}]");
    }
    List<SessionSpec> sessions;
    try {
      sessions = SessionSpec.load(s.sessionsFile(), json);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read upstream.xhs-app.sessions-file " + s.sessionsFile() + ": " + e.getMessage(),
          e);
    }
    XhsAppSettings app =
        new XhsAppSettings(
            URI.create(s.baseUrl()),
            URI.create(s.signerUrl()),
            s.pace(),
            s.paceJitter(),
            s.timeout(),
            s.attempts(),
            new CoolDowns(
                s.captchaCoolDown(),
                s.softBlockCoolDown(),
                s.rateLimitedCoolDown(),
                s.ipBlockedCoolDown()),
            new HashSet<>(s.userNotFoundCodes()),
            XhsAppSettings.DEFAULT_COMMON_PARAMS);
    SessionPool pool = new SessionPool(sessions, clock, s.pace(), s.paceJitter());
    return link(
        XhsAppProvider.NAME,
        new XhsAppProvider(app, pool, json, clock, events),
        pool,
        true,
        settings,
        stats);
  }

  private static UpstreamProvider vendor(
      UpstreamSettings.Source source, ObjectMapper json, Clock clock, UpstreamEvents events) {
    VendorKind kind = VendorKind.of(source.kind()).orElseThrow();
    String at = "upstream.sources." + source.name() + ".";
    if (source.key() == null || source.key().isBlank()) {
      throw new IllegalArgumentException(
          at
              + "api-key is required for a source of kind "
              + kind.wire()
              + " (env "
              + envName(at + "api-key")
              + ")");
    }
    String base = source.baseUrl() == null ? DEFAULT_BASE_URLS.get(kind) : source.baseUrl();
    URI baseUrl;
    try {
      baseUrl = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + "base-url is not a URL: " + base, e);
    }
    if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
      throw new IllegalArgumentException(at + "base-url must be an http(s) URL, got " + base);
    }
    return Vendors.provider(
        new VendorSettings(
            source.name(), kind, baseUrl, source.key(), source.timeout(), source.paths()),
        json,
        clock,
        events);
  }

  private static String envName(String setting) {
    return "XHS_OPENAPI_" + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static UpstreamProvider sim(UpstreamSettings.Sim sim, Clock clock) {
    Simulator simulator =
        new Simulator(
            dataset(sim),
            SimSigner.withDefaultSecret(),
            SimFaults.latencyMs(sim.latency().toMillis()),
            clock);
    return new SimProvider(simulator, clock);
  }

  private static SimDataset dataset(UpstreamSettings.Sim sim) {
    Objects.requireNonNull(sim, "sim settings");
    if (sim.dataset() == null) {
      return SimDataset.generate(sim.seed());
    }
    try {
      return SimDataset.load(sim.dataset());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator dataset " + sim.dataset(), e);
    }
  }

  /**
   * One provider of the chain: what it is, the provider itself, its breaker, its session pool when
   * it has one (else null), whether it was built here (and so is closed here), and its counts.
   */
  private record Link(
      String kind,
      UpstreamProvider provider,
      CircuitBreakingProvider breaker,
      SessionPool pool,
      boolean owned,
      SourceStats stats) {

    ProviderHealth health() {
      return new ProviderHealth(
          breaker.name(), kind, breaker.circuit(), pool == null ? null : pool.counts());
    }

    void close() {
      if (owned && provider instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("closing the upstream provider {} failed", provider.name(), e);
        }
      }
    }
  }

  /**
   * The events given to the sources: each billed call adds the source's cost to its counts and to
   * the request's {@link Spend}; everything is passed on to the gateway's events.
   */
  private record Billing(UpstreamEvents events, Map<String, SourceStats> stats)
      implements UpstreamEvents {
    @Override
    public void providerCall(String provider, String outcome, long nanos) {
      events.providerCall(provider, outcome, nanos);
    }

    @Override
    public void sessionCall(String provider, String session, String outcome, long nanos) {
      events.sessionCall(provider, session, outcome, nanos);
    }

    @Override
    public void billed(String source, UpstreamCall call) {
      SourceStats counts = stats.get(source);
      if (counts != null) {
        call.spend().add(counts.billed());
      }
      events.billed(source, call);
    }
  }
}
