package dev.xhsopenapi.upstream;

/**
 * Where the upstream reports what its calls did, so that the gateway can count them without this
 * module knowing how. Given to {@link Upstream#open} and never changed after. Implementations are
 * thread-safe, fast, and never throw.
 */
public interface UpstreamEvents {
  /** Reports to no one. */
  UpstreamEvents NONE =
      new UpstreamEvents() {
        @Override
        public void providerCall(String provider, String outcome, long nanos) {}

        @Override
        public void sessionCall(String provider, String session, String outcome, long nanos) {}
      };

  /**
   * One call of the chain to one provider, as the chain saw it: a call refused by an open circuit
   * is {@code unavailable} and takes next to no time.
   *
   * @param provider the provider's name
   * @param outcome {@code ok}, {@code user_not_found}, {@code unusable}, {@code unavailable},
   *     {@code timeout}, {@code interrupted} or {@code error} (a bug: the provider threw)
   * @param nanos how long the call took, the provider's own retries included
   */
  void providerCall(String provider, String outcome, long nanos);

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
