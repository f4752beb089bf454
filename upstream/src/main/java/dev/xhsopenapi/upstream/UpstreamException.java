package dev.xhsopenapi.upstream;

import java.util.Objects;

/**
 * A provider could not give a definitive answer. The {@link Kind} says how the gateway reports it
 * to the customer once every provider in the chain has failed.
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

  /** Creates a failure of the given kind, with a message fit for an operator's log. */
  public UpstreamException(Kind kind, String provider, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** Creates a failure caused by another exception. */
  public UpstreamException(Kind kind, String provider, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** How this failure is reported to the customer. */
  public Kind kind() {
    return kind;
  }

  /** The provider that failed. */
  public String provider() {
    return provider;
  }
}
