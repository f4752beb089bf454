package dev.xhsopenapi.server.http;

import dev.xhsopenapi.server.api.RefusedRequests;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.config.GatewayConfig;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;
import java.util.List;

/**
 * The HTTP pipeline every request goes through, set up in one place: requests the HTTP layer
 * refuses before routing ({@link RefusedRequests}), then {@link RequestIdFilter} (id, MDC, {@code
 * X-Request-Id}), the other filters, the services in the order given, {@link Fallback} for what
 * none of them answers, and {@link ErrorMapper} for what a route throws.
 */
public final class HttpPipeline {
  /** The longest request line (method, target, version) read, in bytes; longer ones get 414. */
  public static final int MAX_REQUEST_LINE_BYTES = 4096;

  /** The most header bytes read per request; more get 431. */
  public static final int MAX_HEADER_BYTES = 16384;

  private final Responses responses;
  private final RefusedRequests refused;
  private final ErrorMapper errors;

  /**
   * Creates the pipeline's error handling.
   *
   * @param maxBodyBytes the largest request body accepted, in bytes ({@code http.max-body-bytes})
   */
  public HttpPipeline(Responses responses, long maxBodyBytes) {
    this.responses = responses;
    this.refused =
        new RefusedRequests(responses, MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, maxBodyBytes);
    this.errors = new ErrorMapper(responses, refused);
  }

  /** The one failure-to-envelope mapping, for the services that catch failures themselves. */
  public ErrorMapper errors() {
    return errors;
  }

  /**
   * The server (not started) listening on {@code config}'s host and port with the pipeline.
   *
   * @param filters filters run after {@link RequestIdFilter}, in order (e.g. the request meter)
   * @param services the surfaces, registered in order; each registers full paths
   * @param adminEnabled whether the admin API is among them (else {@code /admin/…} says it is off)
   */
  public WebServer server(
      GatewayConfig config,
      List<Filter> filters,
      List<HttpService> services,
      boolean adminEnabled) {
    HttpRouting.Builder routing = HttpRouting.builder().addFilter(new RequestIdFilter());
    filters.forEach(routing::addFilter);
    services.forEach(routing::register);
    routing.any(new Fallback(responses, adminEnabled)).error(Throwable.class, errors);
    return WebServer.builder()
        .host(config.host())
        .port(config.port())
        // The limits of what the HTTP layer reads; requests past them are answered by
        // RefusedRequests (414, 431, 413) before any route runs. A body is refused from its
        // Content-Length, unread; a chunked one as soon as it passes the limit. HTTP/1.1 is the
        // only protocol: with one, every connection goes straight to it, so even a request line
        // too long or too broken to look like HTTP/1.1 is answered (414, 400) rather than dropped
        // by the protocol detection.
        .protocolsDiscoverServices(false)
        .addProtocol(
            Http1Config.builder()
                .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                .maxHeadersSize(MAX_HEADER_BYTES)
                .build())
        .maxPayloadSize(config.maxBodyBytes())
        .directHandlers(refused.asDirectHandlers())
        // Hands Helidon's own description of a refusal to RefusedRequests, which tells an
        // oversized header block from other malformed requests by it (it is logged, not sent).
        .errorHandling(ErrorHandling.builder().includeEntity(true).build())
        .shutdownHook(false)
        // Stopping lets requests in flight finish (their credits settle, their log rows are
        // queued) before the request log is flushed and the store closed.
        .shutdownGracePeriod(config.ops().shutdownGrace())
        // Pages are tens of KB: without TCP_NODELAY, Nagle's algorithm holds the tail of a
        // response until the client's delayed ACK, adding ~40 ms on keep-alive connections.
        .connectionOptions(o -> o.tcpNoDelay(true))
        .routing(routing)
        .build();
  }
}
