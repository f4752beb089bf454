package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.http.RequestIds;
import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests that the HTTP layer refuses before any route sees them, and the refusals it
 * raises while a route reads a request: a request line longer than the limit (414 {@code
 * uri_too_long}), headers larger than the limit (431 {@code headers_too_large}), a body larger than
 * {@code http.max-body-bytes} (413 {@code payload_too_large}, refused from its {@code
 * Content-Length} before a byte of it is read), and a request that is not valid HTTP/1.1, such as a
 * bare CR or another control character in a header (400 {@code invalid_param}). Each gets the one
 * error body {@code {"code","request_id","error","message","data":null}} and an {@code
 * X-Request-Id} like every other answer of the gateway: a fresh one before routing, the request's
 * own when a route was reading it ({@link RequestIds#current}).
 *
 * <p>Installed as the listener's {@link DirectHandlers} for every event type; Helidon calls it on
 * the connection's thread and writes what it returns, then closes the connection where the request
 * could not be read to its end.
 */
public final class RefusedRequests implements DirectHandler {
  private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);

  /** The message Helidon gives a request whose headers pass its size limit (answered 400 there). */
  private static final String HEADERS_EXCEEDED = "Header size exceeded";

  private final Responses responses;
  private final int maxRequestLineBytes;
  private final int maxHeaderBytes;
  private final long maxBodyBytes;

  /**
   * Creates the handler.
   *
   * @param maxRequestLineBytes the longest request line (method, target, version) the listener
   *     reads, in bytes; named in the 414 message
   * @param maxHeaderBytes the most header bytes the listener reads; named in the 431 message
   * @param maxBodyBytes the largest request body accepted, in bytes; named in the 413 message
   */
  public RefusedRequests(
      Responses responses, int maxRequestLineBytes, int maxHeaderBytes, long maxBodyBytes) {
    this.responses = responses;
    this.maxRequestLineBytes = maxRequestLineBytes;
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** This handler for every kind of refusal, ready for the listener's configuration. */
  public DirectHandlers asDirectHandlers() {
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (EventType type : EventType.values()) {
      builder.addHandler(type, this);
    }
    return builder.build();
  }

  /**
   * The refusal as the error envelope: the status Helidon chose (with its header-size 400 answered
   * 431), the request id ({@link RequestIds#current}) in the body and in {@code X-Request-Id}, JSON
   * content type.
   *
   * @param message Helidon's own description when it is safe to show, else null or a generic line;
   *     logged at DEBUG, never sent
   */
  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType eventType,
      Status defaultStatus,
      ServerResponseHeaders responseHeaders,
      String message) {
    ApiError error = errorFor(defaultStatus.code(), message);
    String requestId = RequestIds.current();
    log.debug(
        "refused {} {} before routing: {} ({})",
        request.method(),
        request.path(),
        error.code().status(),
        message);
    responseHeaders.set(RequestIds.HEADER, requestId);
    responseHeaders.set(Responses.jsonContentType());
    return TransportResponse.builder()
        .status(Status.create(error.code().status()))
        .headers(responseHeaders)
        .keepAlive(eventType.keepAlive())
        .entity(responses.errorBody(requestId, error))
        .build();
  }

  /**
   * The error to answer for an HTTP-layer refusal with {@code status}.
   *
   * @param status the status the HTTP layer chose
   * @param message its description (may be null); tells an oversized header block from other 400s
   */
  public ApiError errorFor(int status, String message) {
    return switch (status) {
      case 413 ->
          new ApiError(
              ErrorCode.PAYLOAD_TOO_LARGE,
              "the request body is larger than the "
                  + maxBodyBytes
                  + " bytes this server accepts; send a smaller body");
      case 414 ->
          new ApiError(
              ErrorCode.URI_TOO_LONG,
              "the request line (method, path and query) is longer than the "
                  + maxRequestLineBytes
                  + " bytes this server reads; send shorter parameters");
      case 431 -> headersTooLarge();
      case 503 ->
          new ApiError(
              ErrorCode.SERVICE_UNAVAILABLE,
              "the server has as many requests in progress as it takes; retry in a moment");
      case 500 ->
          new ApiError(
              ErrorCode.INTERNAL_ERROR, "the server failed on this request; it was not charged");
      default -> {
        if (status == 400 && message != null && message.contains(HEADERS_EXCEEDED)) {
          yield headersTooLarge();
        }
        yield new ApiError(
            ErrorCode.INVALID_PARAM,
            "the request could not be read as HTTP/1.1: its request line or a header is malformed"
                + " (for example a control character such as a bare CR in a header value, or an"
                + " unsupported encoding); fix the request and send it again");
      }
    };
  }

  private ApiError headersTooLarge() {
    return new ApiError(
        ErrorCode.HEADERS_TOO_LARGE,
        "the request headers are larger than the "
            + maxHeaderBytes
            + " bytes this server reads altogether; send fewer or shorter headers");
  }
}
