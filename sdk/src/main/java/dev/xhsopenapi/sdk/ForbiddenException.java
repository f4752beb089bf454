package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * 403 {@code key_disabled} or {@code account_suspended}: the key expired or the account is
 * suspended.
 */
public final class ForbiddenException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  ForbiddenException(
      int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
