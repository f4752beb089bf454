package dev.xhsopenapi.upstream;

import java.util.Set;

/**
 * A source of Xiaohongshu data: the App API itself, another compatible API, or the simulator. It
 * serves the {@link Operation}s it declares; the chain asks it for no other. Implementations are
 * thread-safe and called from many virtual threads at once.
 */
public interface UpstreamProvider {

  /** The provider's name as used in configuration ({@code xhs-app}, {@code relay}, {@code sim}). */
  String name();

  /** The operations this provider serves. */
  Set<Operation> operations();

  /**
   * Asks this provider for what the request names; the request's operation is one of {@link
   * #operations()}.
   *
   * @return a definitive answer: the data, or that the request's subject does not exist. Data
   *     counts only when it is usable by the operation's {@link Operation#rule() rule}; the {@link
   *     CircuitBreakingProvider} that wraps every provider of the gateway's chain turns any other
   *     into a failure
   * @throws UpstreamException when this provider cannot answer definitively (the chain then tries
   *     the next provider)
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException;
}
