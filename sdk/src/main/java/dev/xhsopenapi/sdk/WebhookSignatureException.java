package dev.xhsopenapi.sdk;

import java.util.Objects;

/**
 * A webhook that {@link Webhooks#verify} refuses: its signature header is missing or malformed, its
 * time is outside the tolerance, or no signature in it matches the body. The message says which, in
 * plain words; {@link #reason()} tells the cases apart for programs. Answer such a request with 400
 * and do not act on its body.
 */
public final class WebhookSignatureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook was refused. */
  public enum Reason {
    /** No signature header, or an empty one. */
    NO_HEADER,
    /** The header has no {@code t=}. */
    NO_TIMESTAMP,
    /** The header's {@code t=} is not a whole number of seconds, or there are several. */
    BAD_TIMESTAMP,
    /** The header's time is further in the past than the tolerance: a replay, or a slow queue. */
    TOO_OLD,
    /** The header's time is further in the future than the tolerance: a clock is off. */
    TOO_NEW,
    /** The header has no {@code v1=} signature. */
    NO_SIGNATURE,
    /**
     * No {@code v1=} signature matches: the secret is not this watch's, or the body or the time was
     * changed on the way (or the receiver verified a re-encoded body instead of the bytes
     * received).
     */
    NO_MATCH
  }

  /** Why the webhook was refused. */
  private final Reason reason;

  WebhookSignatureException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Why the webhook was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
