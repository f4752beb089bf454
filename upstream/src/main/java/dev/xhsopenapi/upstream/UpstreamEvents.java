package dev.xhsopenapi.upstream;

/**
 * Where providers report what their upstream calls did, so that the gateway can count them without
 * this module knowing how. Implementations are thread-safe, fast, and never throw.
 */
@FunctionalInterface
public interface UpstreamEvents {
  /** Reports to no one. */
  UpstreamEvents NONE = (provider, session, outcome, nanos) -> {};

  /**
   * One call sent upstream through one session of a provider that has sessions.
   *
   * @param provider the provider's name ({@code xhs-app})
   * @param session the session's configured id
   * @param outcome {@code ok}, {@code user_not_found}, or the failure class ({@code captcha},
   *     {@code soft_block}, {@code timeout}, …)
   * @param nanos how long the call took, signing included
   */
  void sessionCall(String provider, String session, String outcome, long nanos);
}
