package dev.xhsopenapi.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.MDC;

/**
 * The first step of every routed request: gives it its id ({@link RequestIds#next}), puts it in the
 * log lines' MDC as {@code request_id} for as long as the request is served (error handling
 * included: Helidon runs it inside the filter chain), and sets it as the response's {@code
 * X-Request-Id}. A refusal the HTTP layer raises while a route reads the request (a body past
 * {@code http.max-body-bytes}, say) is answered by the listener's direct handler, which takes the
 * same id from {@link RequestIds#current}.
 */
public final class RequestIdFilter implements Filter {
  /** Creates the filter. */
  public RequestIdFilter() {}

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String requestId = RequestIds.next();
    MDC.put(RequestIds.MDC_KEY, requestId);
    res.header(RequestIds.header(requestId));
    try {
      chain.proceed();
    } finally {
      MDC.clear();
    }
  }
}
