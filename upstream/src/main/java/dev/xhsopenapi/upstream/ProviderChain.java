package dev.xhsopenapi.upstream;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the configured providers in order until one gives a definitive answer. When all fail, the
 * failure reported is the most telling one: a timeout if the budget ran out, else an unusable
 * answer if any provider produced one, else "unavailable". The chain trusts its providers' pages:
 * give it providers wrapped in {@link CircuitBreakingProvider}, which checks each page against the
 * {@link PageRule} and counts an unusable one as that provider's failure, as {@link Upstream} does.
 */
public final class ProviderChain {
  private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);

  private final List<UpstreamProvider> providers;
  private final Clock clock;

  /** Creates a chain over the given providers, tried in list order. */
  public ProviderChain(List<UpstreamProvider> providers, Clock clock) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("the upstream chain needs at least one provider");
    }
    this.providers = List.copyOf(providers);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The providers' names, in order. */
  public List<String> names() {
    return providers.stream().map(UpstreamProvider::name).toList();
  }

  /** Whether some provider of the chain serves the operation. */
  public boolean serves(Operation operation) {
    return providers.stream().anyMatch(p -> p.operations().contains(operation));
  }

  /**
   * Asks the providers that serve the request's operation, in order, until one answers
   * definitively.
   *
   * @throws UpstreamException when no provider could answer before the call's deadline, or none of
   *     the chain serves the operation ({@link UpstreamException.Kind#UNAVAILABLE})
   */
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    UpstreamException worst = null;
    for (UpstreamProvider provider : providers) {
      if (!provider.operations().contains(request.operation())) {
        continue;
      }
      if (!clock.instant().isBefore(call.deadline())) {
        throw new UpstreamException(
            UpstreamException.Kind.TIMEOUT,
            provider.name(),
            "the upstream time budget ran out before " + provider.name() + " was tried");
      }
      try {
        return provider.fetch(request, call);
      } catch (UpstreamException e) {
        log.warn(
            "provider {} failed ({}): {}; trying the next one",
            provider.name(),
            e.kind(),
            e.getMessage());
        worst = moreTelling(worst, e);
      }
    }
    if (worst == null) {
      throw new UpstreamException(
          UpstreamException.Kind.UNAVAILABLE,
          String.join(",", names()),
          "no source of the chain " + names() + " serves " + request.operation().id());
    }
    throw worst;
  }

  private static UpstreamException moreTelling(UpstreamException a, UpstreamException b) {
    if (a == null) {
      return b;
    }
    return rank(b.kind()) > rank(a.kind()) ? b : a;
  }

  private static int rank(UpstreamException.Kind kind) {
    return switch (kind) {
      case UNAVAILABLE -> 0;
      case UNUSABLE -> 1;
      case TIMEOUT -> 2;
    };
  }
}
