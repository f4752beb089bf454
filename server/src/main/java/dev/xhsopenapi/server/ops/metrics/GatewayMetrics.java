package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.cache.SharedAnswers;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.watch.WatchMetrics;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamEvents;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The node's Prometheus metrics ({@code GET /metrics}): requests, credits, cache, upstream calls,
 * breakers, sessions and the request log's queue, all named {@code xhs_openapi_…}, plus the JVM's.
 *
 * <p>Labels are bounded: endpoints are route patterns, providers and sessions come from the
 * operator's configuration, outcomes from fixed lists. Nothing is labelled by account, key, user or
 * request.
 */
public final class GatewayMetrics implements HttpService {
  /** The scrape endpoint's path. */
  public static final String PATH = "/metrics";

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final UpstreamMeters upstream = new UpstreamMeters(registry);

  /** Creates the registry with the JVM's own meters. */
  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The ledger, counting the credits it charges and releases. */
  public CreditLedger meter(CreditLedger ledger) {
    return new MeteredLedger(ledger, registry);
  }

  /**
   * Where the upstream reports its calls, to give to {@link Upstream#open}: each provider's calls
   * are timed and counted by outcome, each xhs-app session's by outcome.
   */
  public UpstreamEvents upstreamEvents() {
    return upstream;
  }

  /** Watches the upstream's breakers and its xhs-app sessions by state. */
  public void watch(Upstream upstream) {
    this.upstream.watch(upstream);
  }

  /** Watches how many request log rows wait to be written. */
  public void watch(RequestLog requestLog) {
    Gauge.builder("xhs_openapi.request_log.pending", requestLog, RequestLog::pending)
        .description("Request log rows queued and not yet written to the store")
        .baseUnit("rows")
        .register(registry);
  }

  /** Counts the shared cache's failed and timed-out Redis reads and writes. */
  public void watch(SharedAnswers shared) {
    FunctionCounter.builder("xhs_openapi.cache.shared.errors", shared, SharedAnswers::errors)
        .description(
            "Shared cache reads and writes that failed or timed out (each read one a cache miss)")
        .register(registry);
  }

  /** The creator watch meters, with gauges read from {@code store} at each scrape. */
  public WatchMetrics watches(WatchStore store, Clock clock) {
    return new WatchMeters(registry, store, clock);
  }

  /** The filter that counts and times every request by endpoint and status; one per node. */
  public Filter requestMeter() {
    return new RequestMeter(registry);
  }

  /** Registers {@code GET /metrics} (Prometheus text format). */
  @Override
  public void routing(HttpRules rules) {
    rules.get(PATH, this::scrape);
  }

  private void scrape(ServerRequest req, ServerResponse res) {
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, CONTENT_TYPE))
        .header(HeaderValues.CACHE_NO_CACHE)
        .send(body);
  }
}
