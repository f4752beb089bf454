package dev.xhsopenapi.server.app;

import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.upstream.SampleUser;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamSettings;

/** The upstream settings of a gateway's configuration, as {@link Upstream#open} takes them. */
public final class Providers {
  private Providers() {}

  /** The {@code upstream:} settings of {@code config}: chain, budget, breakers and providers. */
  public static UpstreamSettings settings(GatewayConfig config) {
    GatewayConfig.Upstream u = config.upstream();
    GatewayConfig.XhsApp x = u.xhsApp();
    GatewayConfig.Relay r = u.relay();
    GatewayConfig.Sim s = u.sim();
    return new UpstreamSettings(
        u.chain(),
        u.budget(),
        u.breakerOpenFor(),
        new UpstreamSettings.XhsApp(
            x.baseUrl(),
            x.signerUrl(),
            x.sessionsFile(),
            x.pace(),
            x.paceJitter(),
            x.timeout(),
            x.attempts(),
            x.captchaCoolDown(),
            x.softBlockCoolDown(),
            x.rateLimitedCoolDown(),
            x.ipBlockedCoolDown(),
            x.userNotFoundCodes()),
        new UpstreamSettings.Relay(r.baseUrl(), r.apiKey(), r.path(), r.timeout()),
        new UpstreamSettings.Sim(s.seed(), s.dataset(), s.latency()));
  }

  /**
   * The simulated user that the demo suggests calling.
   *
   * @throws IllegalArgumentException when the simulator's dataset has no notes
   */
  public static SampleUser sampleUser(GatewayConfig config) {
    return Upstream.sampleUser(settings(config).sim());
  }
}
