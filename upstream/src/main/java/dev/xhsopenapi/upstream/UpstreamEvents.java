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

  /**
   * The source will bill this call to the operator: a commercial API charges its answers (TikHub
   * any HTTP 200, even one carrying an inner failure [SOURCES-FACTS A.3]) whether or not the
   * gateway can use them. Adapters report each billed call once; the upstream adds the source's
   * configured {@code cost} to its spend. Never billed to the customer.
   *
   * @param source the source's name
   * @param call the customer request the call was made for
   */
  default void billed(String source, UpstreamCall call) {}
}
