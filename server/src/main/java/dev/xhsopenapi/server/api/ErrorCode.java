package dev.xhsopenapi.server.api;

/** Every error the gateway can answer: its HTTP status and its stable {@code error} string. */
public enum ErrorCode {
  INVALID_PARAM(400, "invalid_param"),
  INVALID_API_KEY(401, "invalid_api_key"),
  ADMIN_UNAUTHORIZED(401, "invalid_admin_token"),
  INSUFFICIENT_CREDITS(402, "insufficient_credits"),
  KEY_DISABLED(403, "key_disabled"),
  ACCOUNT_SUSPENDED(403, "account_suspended"),
  KEY_SCOPE(403, "key_scope"),
  USER_NOT_FOUND(404, "user_not_found"),
  NOTE_NOT_FOUND(404, "note_not_found"),
  WATCH_NOT_FOUND(404, "watch_not_found"),
  NOT_FOUND(404, "not_found"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  PAYLOAD_TOO_LARGE(413, "payload_too_large"),
  URI_TOO_LONG(414, "uri_too_long"),
  RATE_LIMITED(429, "rate_limited"),
  SPEND_CAP_REACHED(429, "spend_cap_reached"),
  HEADERS_TOO_LARGE(431, "headers_too_large"),
  INTERNAL_ERROR(500, "internal_error"),
  UPSTREAM_ERROR(502, "upstream_error"),
  UPSTREAM_UNAVAILABLE(503, "upstream_unavailable"),
  UPSTREAM_TIMEOUT(504, "upstream_timeout"),
  SERVICE_UNAVAILABLE(503, "service_unavailable");

  private final int status;
  private final String wire;

  ErrorCode(int status, String wire) {
    this.status = status;
    this.wire = wire;
  }

  /** The HTTP status, which is also the body's {@code code}. */
  public int status() {
    return status;
  }

  /** The body's {@code error} string. */
  public String wire() {
    return wire;
  }
}
