package dev.xhsopenapi.upstream;

import java.util.Set;

/**
 * A provider whose every call is reported to {@link UpstreamEvents#providerCall} with its outcome
 * (or failure class) and time, and counted in its {@link SourceStats}. It wraps the circuit
 * breaker, so that the report is the call as the chain saw it.
 */
final class ReportedProvider implements UpstreamProvider {
  private final UpstreamProvider provider;
  private final UpstreamEvents events;
  private final SourceStats stats;

  ReportedProvider(UpstreamProvider provider, UpstreamEvents events, SourceStats stats) {
    this.provider = provider;
    this.events = events;
    this.stats = stats;
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
    String failure = null;
    try {
      UpstreamAnswer answer = provider.fetch(request, call);
      outcome =
          answer instanceof UpstreamAnswer.NotFound
              ? request.operation().subject().map(Operation.Subject::noun).orElse("answer")
                  + "_not_found"
              : "ok";
      return answer;
    } catch (UpstreamException e) {
      outcome = e.failureClass();
      failure = e.getMessage();
      throw e;
    } catch (RuntimeException e) {
      outcome = "error";
      failure = e.toString();
      throw e;
    } finally {
      long nanos = System.nanoTime() - start;
      if (outcome.equals("ok") || outcome.endsWith("_not_found")) {
        stats.answered(nanos);
      } else {
        stats.failed(outcome, failure, nanos);
      }
      events.providerCall(name(), outcome, nanos);
    }
  }
}
