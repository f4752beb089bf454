package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.server.http.KnownPaths;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every request the server answers, by endpoint and status; counts 402s, 429s and
 * the page cache's answers ({@code X-Cache}) on the side.
 */
final class RequestMeter implements Filter {
  private static final HeaderName X_CACHE = HeaderNames.create("X-Cache");

  /** The label of every path no route matched: scanners must not grow the label set. */
  private static final String OTHER = "other";

  private final MeterRegistry registry;
  private final Map<Key, Meters> meters = new ConcurrentHashMap<>();
  private final Counter rateLimited;
  private final Counter insufficientCredits;
  private final Map<String, Counter> cache = new ConcurrentHashMap<>();

  RequestMeter(MeterRegistry registry) {
    this.registry = registry;
    this.rateLimited =
        Counter.builder("xhs_openapi.rate_limited")
            .description("Requests refused with 429 rate_limited")
            .register(registry);
    this.insufficientCredits =
        Counter.builder("xhs_openapi.insufficient_credits")
            .description("Requests refused with 402 insufficient_credits")
            .register(registry);
    for (String result : new String[] {"hit", "miss", "stale"}) {
      cache.put(
          result,
          Counter.builder("xhs_openapi.cache.gets")
              .description("Notes pages served, by where they came from (X-Cache)")
              .tag("result", result)
              .register(registry));
    }
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    try {
      chain.proceed();
    } finally {
      int status = res.status().code();
      Meters m =
          meters.computeIfAbsent(
              new Key(req.prologue().method().text(), endpoint(req), status), this::meters);
      m.requests().increment();
      m.latency().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (status == 429) {
        rateLimited.increment();
      } else if (status == 402) {
        insufficientCredits.increment();
      }
      res.headers()
          .first(X_CACHE)
          .map(v -> cache.get(v.toLowerCase(Locale.ROOT)))
          .ifPresent(Counter::increment);
    }
  }

  private static String endpoint(RoutingRequest req) {
    String path = req.path().path();
    if (KnownPaths.contains(path)) {
      return path;
    }
    return req.matchingPattern().filter(p -> !p.contains("*")).orElse(OTHER);
  }

  private Meters meters(Key key) {
    String status = Integer.toString(key.status());
    return new Meters(
        Counter.builder("xhs_openapi.requests")
            .description("Requests answered, by endpoint and status")
            .tags("method", key.method(), "endpoint", key.endpoint(), "status", status)
            .register(registry),
        // The histogram is labelled by status class, not status: each series costs ~70 buckets.
        Timer.builder("xhs_openapi.request.duration")
            .description("Time from the request's arrival to its answer being sent")
            .tags("method", key.method(), "endpoint", key.endpoint())
            .tag("outcome", (key.status() / 100) + "xx")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry));
  }

  /** The labels that pick a request's meters. */
  private record Key(String method, String endpoint, int status) {}

  /** A request kind's counter and timer, looked up once and kept. */
  private record Meters(Counter requests, Timer latency) {}
}
