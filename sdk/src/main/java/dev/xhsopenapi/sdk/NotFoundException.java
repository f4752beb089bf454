package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * 404 {@code user_not_found} (Xiaohongshu has no such user), {@code watch_not_found} (no such watch
 * in the calling key's account: never created, deleted, or another account's) or {@code not_found}
 * (no such path).
 */
public final class NotFoundException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  NotFoundException(
      int status, String error, String message, String requestId, Duration retryAfter) {
    super(status, error, message, requestId, retryAfter, null);
  }
}
