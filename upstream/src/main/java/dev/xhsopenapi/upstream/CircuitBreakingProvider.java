package dev.xhsopenapi.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider behind a circuit breaker: when most recent calls failed, calls are refused at once
 * (the chain moves on) until a trial call succeeds. Definitive answers count as successes.
 *
 * <p>Every provider of the gateway's chain goes through this wrapper, so it is also where each data
 * answer meets its operation's {@link Operation#rule() rule} (for the notes operations, the {@link
 * PageRule}): an answer that is not usable (a soft block, no notes array, a cursor that cannot
 * advance, …) is turned into an {@link UpstreamException.Kind#UNUSABLE} failure of this provider,
 * which the breaker counts like any other failure. Usable answers are returned as they are, their
 * bytes untouched.
 *
 * <p>A source that says it is exhausted (its key refused, its balance or quota used up) has its
 * circuit opened at once, for longer than after ordinary failures, with a WARN log line.
 */
public final class CircuitBreakingProvider implements UpstreamProvider {
  /** How much of a refused body an operator's message shows, in characters. */
  private static final int SHOWN = 160;

  private static final Logger log = LoggerFactory.getLogger(CircuitBreakingProvider.class);

  private final UpstreamProvider provider;
  private final CircuitBreaker breaker;
  private final Duration exhaustedOpenFor;

  /**
   * Wraps a provider; an exhausted source's circuit stays open as long as any other's.
   *
   * @param openFor how long the breaker stays open before letting trial calls through
   */
  public CircuitBreakingProvider(UpstreamProvider provider, Duration openFor) {
    this(provider, openFor, openFor);
  }

  /**
   * Wraps a provider.
   *
   * @param openFor how long the breaker stays open before letting trial calls through
   * @param exhaustedOpenFor how long it stays open at once when the source says it is exhausted
   *     (bad key, balance or quota used up: {@link UpstreamException#exhausted()})
   */
  public CircuitBreakingProvider(
      UpstreamProvider provider, Duration openFor, Duration exhaustedOpenFor) {
    this.provider = provider;
    this.exhaustedOpenFor = exhaustedOpenFor;
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

  @Override
  public Set<Operation> operations() {
    return provider.operations();
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
   * Asks the wrapped provider unless the circuit is open, and checks a data answer against the
   * operation's rule.
   *
   * @return the provider's answer, unchanged: usable data or "not found"
   * @throws UpstreamException {@code UNAVAILABLE} when the circuit is open, {@code UNUSABLE} when
   *     the provider's data is not usable (the message names the provider, gives the reason and
   *     shows the start of the body), else the provider's own failure
   */
  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    try {
      breaker.acquirePermission();
    } catch (CallNotPermittedException e) {
      throw new UpstreamException(
          UpstreamException.Kind.UNAVAILABLE,
          "circuit_open",
          false,
          name(),
          "circuit open after repeated failures of " + name(),
          null);
    }
    long start = System.nanoTime();
    try {
      UpstreamAnswer answer = provider.fetch(request, call);
      if (answer instanceof UpstreamAnswer.Data data) {
        require(request, data);
      }
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return answer;
    } catch (UpstreamException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      if (e.exhausted()) {
        breaker.transitionToOpenStateFor(exhaustedOpenFor);
        log.warn(
            "source {} is exhausted ({}): {}; no calls go to it for {} s",
            name(),
            e.failureClass(),
            e.getMessage(),
            exhaustedOpenFor.toSeconds());
      }
      throw e;
    } catch (InterruptedException | RuntimeException e) {
      breaker.releasePermission();
      throw e;
    }
  }

  private void require(UpstreamRequest request, UpstreamAnswer.Data data) throws UpstreamException {
    Optional<AnswerRule.Refusal> refusal = request.operation().rule().refusal(request, data.body());
    if (refusal.isPresent()) {
      throw new UpstreamException(
          UpstreamException.Kind.UNUSABLE,
          refusal.get().failureClass(),
          false,
          name(),
          name()
              + " answered unusable data for "
              + request.operation().id()
              + ": "
              + refusal.get().reason()
              + " (answer: "
              + shown(data.body())
              + ")",
          null);
    }
  }

  private static String shown(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, SHOWN * 4), StandardCharsets.UTF_8);
    return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
  }
}
