package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.upstream.ProviderHealth;
import dev.xhsopenapi.upstream.SessionStatus;
import dev.xhsopenapi.upstream.SourceReport;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The upstream's calls, reported by it through {@link UpstreamEvents} (each provider's by outcome
 * and time, each xhs-app session's), and its standing state as gauges read from {@link
 * Upstream#health()} (each provider's circuit, the xhs-app sessions by state).
 */
final class UpstreamMeters implements UpstreamEvents {
  private final MeterRegistry registry;
  private final Map<String, Counter> providerCalls = new ConcurrentHashMap<>();
  private final Map<String, Timer> providerLatency = new ConcurrentHashMap<>();
  private final Map<String, Counter> sessionCalls = new ConcurrentHashMap<>();
  private final Map<String, Timer> sessionLatency = new ConcurrentHashMap<>();

  UpstreamMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers the gauges of the upstream's sources, their billed calls and spend, and their timers
   * so they show from 0.
   */
  void watch(Upstream upstream) {
    boolean sessions = false;
    for (ProviderHealth p : upstream.health()) {
      providerTimer(p.name());
      String source = p.name();
      FunctionCounter.builder(
              "xhs_openapi.upstream.billed.calls",
              upstream,
              u -> report(u, source).map(r -> (double) r.billed()).orElse(0.0))
          .description("Calls a source billed to the operator, usable or not")
          .tag("source", source)
          .register(registry);
      FunctionCounter.builder(
              "xhs_openapi.upstream.spend",
              upstream,
              u -> report(u, source).map(r -> r.spend().doubleValue()).orElse(0.0))
          .description("What a source's billed calls cost the operator, in the unit of its cost")
          .tag("source", source)
          .register(registry);
      for (ProviderHealth.Circuit state : ProviderHealth.Circuit.values()) {
        String name = p.name();
        Gauge.builder(
                "xhs_openapi.upstream.breaker.state",
                upstream,
                u -> circuit(u, name) == state ? 1 : 0)
            .description("1 for the state each provider's circuit breaker is in, else 0")
            .tags("source", name, "state", state.wire())
            .register(registry);
      }
      sessions |= p.sessions() != null;
    }
    if (sessions) {
      for (SessionStatus.State state : SessionStatus.State.values()) {
        Gauge.builder("xhs_openapi.upstream.sessions", upstream, u -> sessions(u, state))
            .description("xhs-app sessions by state")
            .tag("state", state.wire())
            .register(registry);
      }
    }
  }

  private static Optional<SourceReport> report(Upstream upstream, String source) {
    return upstream.sources().stream().filter(r -> r.name().equals(source)).findFirst();
  }

  private static ProviderHealth.Circuit circuit(Upstream upstream, String provider) {
    return upstream.health().stream()
        .filter(p -> p.name().equals(provider))
        .map(ProviderHealth::circuit)
        .findFirst()
        .orElse(null);
  }

  private static double sessions(Upstream upstream, SessionStatus.State state) {
    return upstream.health().stream()
        .map(ProviderHealth::sessions)
        .filter(Objects::nonNull)
        .findFirst()
        .map(
            c ->
                switch (state) {
                  case ACTIVE -> c.active();
                  case COOLING -> c.cooling();
                  case RETIRED -> c.retired();
                })
        .orElse(0);
  }

  @Override
  public void providerCall(String provider, String outcome, long nanos) {
    providerTimer(provider).record(nanos, TimeUnit.NANOSECONDS);
    providerCalls
        .computeIfAbsent(
            provider + '\n' + outcome,
            k ->
                Counter.builder("xhs_openapi.upstream.calls")
                    .description(
                        "Calls to a source by outcome: ok, user_not_found, or the failure class"
                            + " (unusable, unavailable, timeout, rate_limited, out_of_credit, …)")
                    .tags("source", provider, "outcome", outcome)
                    .register(registry))
        .increment();
  }

  private Timer providerTimer(String provider) {
    return providerLatency.computeIfAbsent(
        provider,
        k ->
            Timer.builder("xhs_openapi.upstream.duration")
                .description("Time a provider took to answer or fail, retries within it included")
                .tag("source", provider)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
  }

  @Override
  public void sessionCall(String provider, String session, String outcome, long nanos) {
    sessionCalls
        .computeIfAbsent(
            provider + '\n' + session + '\n' + outcome,
            k ->
                Counter.builder("xhs_openapi.upstream.session.calls")
                    .description("Calls through each upstream session, by outcome or failure class")
                    .tags("provider", provider, "session", session, "outcome", outcome)
                    .register(registry))
        .increment();
    sessionLatency
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
