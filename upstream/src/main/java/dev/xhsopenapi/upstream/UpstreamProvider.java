package dev.xhsopenapi.upstream;

/**
 * A source of Xiaohongshu App data: the App API itself, another compatible API, or the simulator.
 * Implementations are thread-safe and called from many virtual threads at once.
 */
public interface UpstreamProvider {

  /** The provider's name as used in configuration ({@code xhs-app}, {@code relay}, {@code sim}). */
  String name();

  /**
   * Fetches one page of a user's posted notes.
   *
   * @return a definitive answer: the page, or that the user does not exist. A page counts only when
   *     it is usable by the {@link PageRule}; the {@link CircuitBreakingProvider} that wraps every
   *     provider of the gateway's chain turns any other page into a failure
   * @throws UpstreamException when this provider cannot answer definitively (the chain then tries
   *     the next provider)
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  NotesAnswer userNotes(NotesQuery query, UpstreamCall call)
      throws UpstreamException, InterruptedException;
}
