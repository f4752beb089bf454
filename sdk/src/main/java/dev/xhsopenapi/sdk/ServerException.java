package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * A 5xx answer ({@code upstream_error}, {@code upstream_unavailable}, {@code upstream_timeout},
 * {@code internal_error}) that persisted through every retry; the call was not charged.
 */
public final class ServerException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  ServerException(int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
