package dev.xhsopenapi.upstream;

import java.util.Locale;
import java.util.Set;

/**
 * A provider whose every call is reported to {@link UpstreamEvents#providerCall} with its outcome
 * and time. It wraps the circuit breaker, so that the report is the call as the chain saw it.
 */
final class ReportedProvider implements UpstreamProvider {
  private final UpstreamProvider provider;
  private final UpstreamEvents events;

  ReportedProvider(UpstreamProvider provider, UpstreamEvents events) {
    this.provider = provider;
    this.events = events;
  }

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public Set<Operation> operations() {
    return provider.operations();
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    long start = System.nanoTime();
    String outcome = "interrupted";
    try {
      UpstreamAnswer answer = provider.fetch(request, call);
      outcome =
          answer instanceof UpstreamAnswer.NotFound
              ? request.operation().subject().noun() + "_not_found"
              : "ok";
      return answer;
    } catch (UpstreamException e) {
      outcome = e.kind().name().toLowerCase(Locale.ROOT);
      throw e;
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      events.providerCall(name(), outcome, System.nanoTime() - start);
    }
  }
}
