package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.upstream.ProviderHealth;
import dev.xhsopenapi.upstream.SessionStatus;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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

  /** Registers the gauges of the upstream's providers, and their timers so they show from 0. */
  void watch(Upstream upstream) {
    boolean sessions = false;
    for (ProviderHealth p : upstream.health()) {
      providerTimer(p.name());
      for (ProviderHealth.Circuit state : ProviderHealth.Circuit.values()) {
        String name = p.name();
        Gauge.builder(
                "xhs_openapi.upstream.breaker.state",
                upstream,
                u -> circuit(u, name) == state ? 1 : 0)
            .description("1 for the state each provider's circuit breaker is in, else 0")
            .tags("provider", name, "state", state.wire())
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
                        "Calls to a provider by outcome: ok, user_not_found, unusable, unavailable,"
                            + " timeout")
                    .tags("provider", provider, "outcome", outcome)
                    .register(registry))
        .increment();
  }

  private Timer providerTimer(String provider) {
    return providerLatency.computeIfAbsent(
        provider,
        k ->
            Timer.builder("xhs_openapi.upstream.duration")
                .description("Time a provider took to answer or fail, retries within it included")
                .tag("provider", provider)
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
