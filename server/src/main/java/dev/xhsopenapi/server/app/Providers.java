package dev.xhsopenapi.server.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.upstream.CircuitBreakingProvider;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.relay.RelayProvider;
import dev.xhsopenapi.upstream.relay.RelaySettings;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimProvider;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import dev.xhsopenapi.upstream.xhsapp.CoolDowns;
import dev.xhsopenapi.upstream.xhsapp.SessionPool;
import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import dev.xhsopenapi.upstream.xhsapp.XhsAppProvider;
import dev.xhsopenapi.upstream.xhsapp.XhsAppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Builds the configured provider chain, each provider behind its own circuit breaker. */
public final class Providers {
  private Providers() {}

  /**
   * The providers named by {@code upstream.chain}, in order, reading time from {@code clock}.
   *
   * @throws IllegalArgumentException when a provider is unknown or its settings are incomplete
   */
  public static List<UpstreamProvider> chain(GatewayConfig config, Clock clock) {
    ObjectMapper json = new ObjectMapper();
    List<UpstreamProvider> out = new ArrayList<>();
    if (new HashSet<>(config.upstream().chain()).size() != config.upstream().chain().size()) {
      throw new IllegalArgumentException(
          "upstream.chain names a provider twice: " + config.upstream().chain());
    }
    for (String name : config.upstream().chain()) {
      UpstreamProvider provider =
          switch (name) {
            case SimProvider.NAME -> sim(config, clock);
            case XhsAppProvider.NAME -> xhsApp(config.upstream().xhsApp(), json, clock);
            case RelayProvider.NAME -> relay(config.upstream().relay(), json, clock);
            default ->
                throw new IllegalArgumentException(
                    "unknown upstream provider '" + name + "'; known: xhs-app, relay, sim");
          };
      out.add(new CircuitBreakingProvider(provider, config.upstream().breakerOpenFor()));
    }
    return out;
  }

  /** The simulated user that the demo suggests calling. */
  public static SampleUser sampleUser(GatewayConfig config) {
    SimUser user =
        dataset(config.upstream().sim())
            .sampleUser()
            .orElseThrow(() -> new IllegalArgumentException("the simulator dataset has no notes"));
    return new SampleUser(user.userId(), user.notes().size());
  }

  private static UpstreamProvider xhsApp(GatewayConfig.XhsApp s, ObjectMapper json, Clock clock) {
    List<SessionSpec> sessions;
    if (!Files.isRegularFile(s.sessionsFile())) {
      throw new IllegalArgumentException(
          "upstream.xhs-app.sessions-file "
              + s.sessionsFile().toAbsolutePath()
              + " does not exist; it lists the upstream sessions as JSON: "
              + "[{\"id\":\"s1\",\"sid\":\"session.…\",\"device_id\":\"…\",\"fid\":\"…\","
              + "\"proxy\":null}]");
    }
    try {
      sessions = SessionSpec.load(s.sessionsFile(), json);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read upstream.xhs-app.sessions-file " + s.sessionsFile() + ": " + e.getMessage(),
          e);
    }
    XhsAppSettings settings =
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
    return new XhsAppProvider(settings, pool, json, clock);
  }

  private static UpstreamProvider relay(GatewayConfig.Relay r, ObjectMapper json, Clock clock) {
    if (r.baseUrl() == null || r.apiKey() == null) {
      throw new IllegalArgumentException(
          "the relay provider needs upstream.relay.base-url and upstream.relay.api-key"
              + " (env XHS_OPENAPI_UPSTREAM_RELAY_BASE_URL, XHS_OPENAPI_UPSTREAM_RELAY_API_KEY)");
    }
    return new RelayProvider(
        new RelaySettings(URI.create(r.baseUrl()), r.apiKey(), r.path(), r.timeout()), json, clock);
  }

  private static UpstreamProvider sim(GatewayConfig config, Clock clock) {
    GatewayConfig.Sim sim = config.upstream().sim();
    Simulator simulator =
        new Simulator(
            dataset(sim),
            SimSigner.withDefaultSecret(),
            SimFaults.latencyMs(sim.latency().toMillis()),
            clock);
    return new SimProvider(simulator, clock);
  }

  private static SimDataset dataset(GatewayConfig.Sim sim) {
    if (sim.dataset() == null) {
      return SimDataset.generate(sim.seed());
    }
    try {
      return SimDataset.load(sim.dataset());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator dataset " + sim.dataset(), e);
    }
  }

  /** A user id and how many notes it has. */
  public record SampleUser(String userId, int notes) {}
}
