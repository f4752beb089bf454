package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.upstream.NotesAnswer;
import dev.xhsopenapi.upstream.NotesQuery;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A provider whose calls are counted by outcome and timed, as the chain sees them: a call refused
 * by an open circuit counts as {@code unavailable} and takes no time.
 */
final class MeteredProvider implements UpstreamProvider {
  private final UpstreamProvider provider;
  private final MeterRegistry registry;
  private final Timer latency;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

  MeteredProvider(UpstreamProvider provider, MeterRegistry registry) {
    this.provider = provider;
    this.registry = registry;
    this.latency =
        Timer.builder("xhs_openapi.upstream.duration")
            .description("Time a provider took to answer or fail, retries within it included")
            .tag("provider", provider.name())
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public NotesAnswer userNotes(NotesQuery query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    long start = System.nanoTime();
    String outcome = "interrupted";
    try {
      NotesAnswer answer = provider.userNotes(query, call);
      outcome = answer instanceof NotesAnswer.UserNotFound ? "user_not_found" : "ok";
      return answer;
    } catch (UpstreamException e) {
      outcome = e.kind().name().toLowerCase(Locale.ROOT);
      throw e;
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      outcomes.computeIfAbsent(outcome, this::counter).increment();
    }
  }

  private Counter counter(String outcome) {
    return Counter.builder("xhs_openapi.upstream.calls")
        .description(
            "Calls to a provider by outcome: ok, user_not_found, unusable, unavailable, timeout")
        .tags("provider", provider.name(), "outcome", outcome)
        .register(registry);
  }
}
