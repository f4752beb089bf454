package dev.xhsopenapi.server.ops.metrics;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.xhsopenapi.server.watch.WatchMetrics;
import dev.xhsopenapi.server.watch.WatchStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The creator watch meters: {@code xhs_openapi_watch_polls_total{outcome}}, {@code
 * xhs_openapi_watch_new_notes_total}, {@code xhs_openapi_webhook_deliveries_total{outcome}}, and,
 * read from the shared store at each scrape, {@code xhs_openapi_watch_poll_lag_seconds} (how long
 * the most overdue watch has been due) and {@code xhs_openapi_webhook_pending} (deliveries not yet
 * delivered or failed, across the cluster). Both gauges come from one backlog query, read at most
 * once a second, so that a scrape costs the store one query and not two.
 */
final class WatchMeters implements WatchMetrics {
  private final MeterRegistry registry;
  private final Counter newNotes;
  private final Map<String, Counter> polls = new ConcurrentHashMap<>();
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();

  WatchMeters(MeterRegistry registry, WatchStore store, Clock clock) {
    this.registry = registry;
    LoadingCache<WatchStore, WatchStore.Backlog> backlog =
        Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1))
            .build(s -> s.backlog(clock.millis()));
    this.newNotes =
        Counter.builder("xhs_openapi.watch.new_notes")
            .description("Notes creator watches found and turned into events")
            .register(registry);
    Gauge.builder("xhs_openapi.watch.poll_lag", store, s -> backlog.get(s).pollLagMs() / 1000.0)
        .description("How long the most overdue active watch has been due")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("xhs_openapi.webhook.pending", store, s -> backlog.get(s).pendingDeliveries())
        .description("Webhook deliveries not yet delivered or failed")
        .register(registry);
  }

  @Override
  public void poll(String outcome) {
    polls
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("xhs_openapi.watch.polls")
                    .description("Creator watch polls, by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  @Override
  public void newNotes(int count) {
    newNotes.increment(count);
  }

  @Override
  public void delivery(String outcome) {
    deliveries
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("xhs_openapi.webhook.deliveries")
                    .description("Webhook delivery attempts, by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }
}
