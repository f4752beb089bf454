package dev.xhsopenapi.sdk;

import java.time.Duration;

/**
 * A call that did not succeed, with the evidence: the HTTP status, the gateway's stable {@code
 * error} string, its message, the {@code request_id} to quote to the operator, and how long the
 * server asked to wait. Subclasses name the statuses a caller handles differently; other statuses
 * (e.g. 405) arrive as this class itself.
 */
public class XhsOpenApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, 0 when no answer came. */
  private final int status;

  /** The body's {@code error} string. */
  private final String error;

  /** The gateway's request id, or null. */
  private final String requestId;

  /** The server's {@code Retry-After}, zero when absent. */
  private final Duration retryAfter;

  XhsOpenApiException(
      int status,
      String error,
      String message,
      String requestId,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
    this.requestId = requestId;
    this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
  }

  /**
   * The HTTP status, which the gateway also sends as the body's {@code code}.
   *
   * @return the status, or 0 when no answer arrived ({@link NetworkException})
   */
  public int status() {
    return status;
  }

  /**
   * The body's stable {@code error} string, such as {@code insufficient_credits}.
   *
   * @return the error string; {@code network_error} or {@code malformed_response} when the client
   *     made it up because the server said nothing usable
   */
  public String error() {
    return error;
  }

  /**
   * The gateway's id of the failed request, to quote to its operator.
   *
   * @return the {@code request_id} of the body or the {@code X-Request-Id} header, or null when
   *     there was none
   */
  public String requestId() {
    return requestId;
  }

  /**
   * How long the server asked the caller to wait before trying again ({@code Retry-After}).
   *
   * @return the wait, or {@link Duration#ZERO} when the server did not say
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
