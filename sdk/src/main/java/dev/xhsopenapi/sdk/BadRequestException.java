package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * 400 {@code invalid_param}: a parameter is missing or malformed; repeating the call changes
 * nothing.
 */
public final class BadRequestException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  BadRequestException(
      int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
