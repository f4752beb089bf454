package dev.xhsopenapi.server.app;

import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimProvider;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the configured provider chain. */
public final class Providers {
  private Providers() {}

  /**
   * The providers named by {@code upstream.chain}, in order, reading time from {@code clock}.
   *
   * @throws IllegalArgumentException when the chain names a provider this build does not have
   */
  public static List<UpstreamProvider> chain(GatewayConfig config, Clock clock) {
    List<UpstreamProvider> out = new ArrayList<>();
    for (String name : config.upstream().chain()) {
      out.add(
          switch (name) {
            case "sim" -> sim(config, clock);
            case "xhs-app", "relay" ->
                throw new IllegalArgumentException(
                    "upstream provider '"
                        + name
                        + "' is not available in this build yet; run with --upstream sim (the"
                        + " built-in simulator) or --demo");
            default ->
                throw new IllegalArgumentException(
                    "unknown upstream provider '" + name + "'; known: sim, xhs-app, relay");
          });
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
