package dev.xhsopenapi.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A provider behind a circuit breaker: when most recent calls failed, calls are refused at once
 * (the chain moves on) until a trial call succeeds. Definitive answers count as successes.
 *
 * <p>Every provider of the gateway's chain goes through this wrapper, so it is also where each page
 * answer meets the {@link PageRule}: a page that is not usable (a soft block, no notes array, a
 * cursor that cannot advance, …) is turned into an {@link UpstreamException.Kind#UNUSABLE} failure
 * of this provider, which the breaker counts like any other failure. Usable pages are returned as
 * they are, their bytes untouched.
 */
public final class CircuitBreakingProvider implements UpstreamProvider {
  private final UpstreamProvider provider;
  private final CircuitBreaker breaker;

  /**
   * Wraps a provider.
   *
   * @param openFor how long the breaker stays open before letting trial calls through
   */
  public CircuitBreakingProvider(UpstreamProvider provider, Duration openFor) {
    this.provider = provider;
    this.breaker =
        CircuitBreaker.of(
            provider.name(),
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(80)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
  }

  @Override
  public String name() {
    return provider.name();
  }

  /** The breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, …). */
  public String state() {
    return breaker.getState().name();
  }

  /** The breaker's state as the upstream's health reports it (a forced open counts as open). */
  ProviderHealth.Circuit circuit() {
    return switch (breaker.getState()) {
      case OPEN, FORCED_OPEN -> ProviderHealth.Circuit.OPEN;
      case HALF_OPEN -> ProviderHealth.Circuit.HALF_OPEN;
      case CLOSED, DISABLED, METRICS_ONLY -> ProviderHealth.Circuit.CLOSED;
    };
  }

  /**
   * Asks the wrapped provider unless the circuit is open, and checks a page answer against the
   * {@link PageRule}.
   *
   * @return the provider's answer, unchanged: a usable page or "no such user"
   * @throws UpstreamException {@code UNAVAILABLE} when the circuit is open, {@code UNUSABLE} when
   *     the provider's page is not usable (the message gives the reason), else the provider's own
   *     failure
   */
  @Override
  public NotesAnswer userNotes(NotesQuery query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    try {
      breaker.acquirePermission();
    } catch (CallNotPermittedException e) {
      throw new UpstreamException(
          UpstreamException.Kind.UNAVAILABLE,
          name(),
          "circuit open after repeated failures of " + name());
    }
    long start = System.nanoTime();
    try {
      NotesAnswer answer = provider.userNotes(query, call);
      if (answer instanceof NotesAnswer.Page page) {
        PageRule.require(name(), query, page);
      }
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return answer;
    } catch (UpstreamException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    } catch (InterruptedException | RuntimeException e) {
      breaker.releasePermission();
      throw e;
    }
  }
}
