package dev.xhsopenapi.server.testing;

import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that always fails the same way or answers slowly, for the error paths that the
 * simulator does not produce on its own.
 */
public final class ScriptedProvider implements UpstreamProvider {
  private final UpstreamException.Kind failure;
  private final Duration delay;
  private final AtomicInteger calls = new AtomicInteger();

  private ScriptedProvider(UpstreamException.Kind failure, Duration delay) {
    this.failure = failure;
    this.delay = delay;
  }

  /** Always fails with the given kind. */
  public static ScriptedProvider failing(UpstreamException.Kind kind) {
    return new ScriptedProvider(kind, Duration.ZERO);
  }

  /** Answers an empty page after the delay. */
  public static ScriptedProvider slow(Duration delay) {
    return new ScriptedProvider(null, delay);
  }

  /** How many times it was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Set<Operation> operations() {
    return Set.of(Operation.USER_NOTES);
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    calls.incrementAndGet();
    if (failure != null) {
      throw new UpstreamException(failure, name(), "scripted " + failure);
    }
    Thread.sleep(delay);
    return new UpstreamAnswer.Data(
        name(),
        "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\"\",\"has_more\":false,\"notes\":[]}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
