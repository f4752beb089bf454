package dev.xhsopenapi.upstream;

import java.util.Locale;
import java.util.Objects;

/**
 * A provider could not give a definitive answer. The {@link Kind} says how the gateway reports it
 * to the customer once every provider in the chain has failed; the {@link #failureClass() failure
 * class} says what went wrong at the source, for its health report and metrics; {@link
 * #exhausted()} says the source will not answer for a while whatever we send (bad key, balance or
 * quota used up), so its circuit stays open longer.
 */
public final class UpstreamException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How a failure is reported: each kind maps to one HTTP status of the public API. */
  public enum Kind {
    /** The upstream answered with something unusable (HTTP 502). */
    UNUSABLE,
    /** No healthy session or provider could take the call (HTTP 503). */
    UNAVAILABLE,
    /** The request's upstream time budget ran out (HTTP 504). */
    TIMEOUT
  }

  private final Kind kind;
  private final String provider;
  private final String failureClass;
  private final boolean exhausted;

  /**
   * Creates a failure of the given kind, with a message fit for an operator's log; its failure
   * class is the kind's name in lowercase.
   */
  public UpstreamException(Kind kind, String provider, String message) {
    this(kind, null, false, provider, message, null);
  }

  /** Creates a failure caused by another exception. */
  public UpstreamException(Kind kind, String provider, String message, Throwable cause) {
    this(kind, null, false, provider, message, cause);
  }

  /**
   * Creates a classified failure.
   *
   * @param kind how the customer is told, once every provider failed
   * @param failureClass what went wrong at the source, lowercase snake_case (e.g. {@code
   *     rate_limited}, {@code soft_block}, {@code out_of_credit}); null for the kind's name
   * @param exhausted whether the source will refuse every call for a while (bad key, balance or
   *     quota used up)
   * @param provider the source's name
   * @param message what happened, for an operator's log; never a secret
   * @param cause the underlying exception, or null
   */
  public UpstreamException(
      Kind kind,
      String failureClass,
      boolean exhausted,
      String provider,
      String message,
      Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.failureClass = failureClass == null ? kind.name().toLowerCase(Locale.ROOT) : failureClass;
    this.exhausted = exhausted;
  }

  /** How this failure is reported to the customer. */
  public Kind kind() {
    return kind;
  }

  /** The provider that failed. */
  public String provider() {
    return provider;
  }

  /** What went wrong at the source, lowercase snake_case, e.g. {@code rate_limited}. */
  public String failureClass() {
    return failureClass;
  }

  /** Whether the source will refuse every call for a while (bad key, balance or quota used up). */
  public boolean exhausted() {
    return exhausted;
  }
}
