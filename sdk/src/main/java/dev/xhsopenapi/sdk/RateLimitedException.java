package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * 429 {@code rate_limited}: the account's window is full, still so after every retry allowed; see
 * {@link #retryAfter()}.
 */
public final class RateLimitedException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  RateLimitedException(
      int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
