package dev.xhsopenapi.sdk;

import java.time.Duration;

/** 401 {@code invalid_api_key}: no key, a malformed key, or a key that is unknown or revoked. */
public final class AuthenticationException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(
      int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
