package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.upstream.CircuitBreakingProvider;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.xhsapp.SessionPool;
import dev.xhsopenapi.upstream.xhsapp.XhsAppProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The upstream's standing state as gauges (each provider's circuit, the xhs-app sessions by state)
 * and each xhs-app session's calls, reported by the provider through {@link UpstreamEvents}.
 */
final class UpstreamMeters implements UpstreamEvents {
  private static final List<String> BREAKER_STATES = List.of("closed", "open", "half_open");
  private static final List<String> SESSION_STATES = List.of("active", "cooling", "retired");

  private final MeterRegistry registry;
  private final Map<String, Counter> calls = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();

  private UpstreamMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  static void register(List<UpstreamProvider> providers, MeterRegistry registry) {
    UpstreamMeters meters = new UpstreamMeters(registry);
    for (UpstreamProvider p : providers) {
      if (p instanceof CircuitBreakingProvider breaker) {
        for (String state : BREAKER_STATES) {
          Gauge.builder(
                  "xhs_openapi.upstream.breaker.state",
                  breaker,
                  b -> b.state().toLowerCase(Locale.ROOT).equals(state) ? 1 : 0)
              .description("1 for the state each provider's circuit breaker is in, else 0")
              .tags("provider", p.name(), "state", state)
              .register(registry);
        }
      }
      UpstreamProvider inner = p instanceof CircuitBreakingProvider c ? c.provider() : p;
      if (inner instanceof XhsAppProvider app) {
        for (String state : SESSION_STATES) {
          Gauge.builder("xhs_openapi.upstream.sessions", app.sessions(), pool -> count(pool, state))
              .description("xhs-app sessions by state")
              .tag("state", state)
              .register(registry);
        }
        app.events(meters);
      }
    }
  }

  private static double count(SessionPool pool, String state) {
    // The admin view is the pool's one public reading of its sessions; a scrape reads it three
    // times, which costs microseconds for any realistic pool.
    return pool.view().stream().filter(s -> state.equals(s.get("state"))).count();
  }

  @Override
  public void sessionCall(String provider, String session, String outcome, long nanos) {
    calls
        .computeIfAbsent(
            provider + '\n' + session + '\n' + outcome,
            k ->
                Counter.builder("xhs_openapi.upstream.session.calls")
                    .description("Calls through each upstream session, by outcome or failure class")
                    .tags("provider", provider, "session", session, "outcome", outcome)
                    .register(registry))
        .increment();
    latency
        .computeIfAbsent(
            provider + '\n' + session,
            k ->
                Timer.builder("xhs_openapi.upstream.session.duration")
                    .description("Time of each call through an upstream session, signing included")
                    .tags("provider", provider, "session", session)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
