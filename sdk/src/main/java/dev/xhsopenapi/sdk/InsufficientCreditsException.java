package dev.xhsopenapi.sdk;

import java.time.Duration;

/** 402 {@code insufficient_credits}: the account's balance is below the call's price; top it up. */
public final class InsufficientCreditsException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  InsufficientCreditsException(
      int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
