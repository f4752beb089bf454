package dev.xhsopenapi.server.http;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.api.RefusedRequests;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.ratelimit.RateLimiterUnavailableException;
import dev.xhsopenapi.server.store.StoreException;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from a failure to the error envelope {@code
 * {"code","request_id","error","message","data":null}}, used by every JSON surface (public API,
 * admin API, docs, health, metrics, unknown paths), whether they catch the failure themselves (to
 * log the request or write rate-limit headers) or let it reach the routing's error handler, which
 * this is too.
 *
 * <ul>
 *   <li>{@link ApiError}: as it is.
 *   <li>{@link StoreException}, {@link RateLimiterUnavailableException}: 503 {@code
 *       service_unavailable}; nothing was charged.
 *   <li>A refusal of the HTTP layer ({@link HttpException} below 500): its own status, 404 {@code
 *       not_found} and 405 {@code method_not_allowed} included.
 *   <li>{@link InterruptedException}: 500 {@code internal_error} (the server is stopping); the
 *       thread's interrupt is restored.
 *   <li>Anything else: 500 {@code internal_error}, logged with the request id.
 * </ul>
 */
public final class ErrorMapper implements ErrorHandler<Throwable> {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private final Responses responses;
  private final RefusedRequests refusals;

  /**
   * Creates the mapper.
   *
   * @param refusals words for the HTTP layer's refusals (413, 414, 431, malformed requests)
   */
  public ErrorMapper(Responses responses, RefusedRequests refusals) {
    this.responses = responses;
    this.refusals = refusals;
  }

  /**
   * The error to answer for {@code t}, met while serving {@code req} (whose id is {@code
   * requestId}). Failures that are the server's own are logged here, with the request id.
   */
  public ApiError map(ServerRequest req, String requestId, Throwable t) {
    if (t instanceof ApiError e) {
      return e;
    }
    if (t instanceof StoreException) {
      log.error("store unavailable on {} (request {})", req.path().path(), requestId, t);
      return new ApiError(
          ErrorCode.SERVICE_UNAVAILABLE,
          "the gateway's store is unavailable; nothing was charged, retry later");
    }
    if (t instanceof RateLimiterUnavailableException e) {
      log.error("rate limiter unavailable on {}: {}", req.path().path(), e.getMessage());
      return new ApiError(
          ErrorCode.SERVICE_UNAVAILABLE,
          "the gateway cannot check your rate limit right now; nothing was charged, retry later");
    }
    if (t instanceof HttpException http && http.status().code() < 500) {
      int status = http.status().code();
      if (status == 404) {
        return ApiError.notFound("there is no endpoint at " + req.path().path());
      }
      if (status == 405) {
        return new ApiError(
            ErrorCode.METHOD_NOT_ALLOWED,
            req.prologue().method().text() + " is not allowed on " + req.path().path());
      }
      return refusals.errorFor(status, t.getMessage());
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new ApiError(ErrorCode.INTERNAL_ERROR, "the server is shutting down");
    }
    log.error("request {} failed on {}", requestId, req.path().path(), t);
    return new ApiError(
        ErrorCode.INTERNAL_ERROR,
        "the server failed on this request; nothing was charged. Quote request_id "
            + requestId
            + " to the operator");
  }

  /** Answers {@code t} on {@code res} in the error envelope, with the request's id. */
  public void answer(ServerRequest req, ServerResponse res, Throwable t) {
    String requestId = RequestIds.of(res);
    responses.error(res, requestId, map(req, requestId, t));
  }

  /**
   * The routing's error handler: what no route answered itself. An exception after the answer was
   * sent is only logged (the client has its answer, or has gone).
   */
  @Override
  public void handle(ServerRequest req, ServerResponse res, Throwable t) {
    if (res.isSent()) {
      log.error("error on {} after its answer was sent", req.path().path(), t);
      return;
    }
    answer(req, res, t);
  }
}
