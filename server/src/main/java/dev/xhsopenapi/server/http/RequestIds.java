package dev.xhsopenapi.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The one place request ids are minted. Every answer of the gateway carries its id in {@code
 * X-Request-Id} (and, in JSON, as {@code request_id}); the request log, the ledger's reservations
 * and the log lines' {@code request_id} use the same id.
 *
 * <p>Within routing, {@link RequestIdFilter} gives each request its id before any route runs and
 * sets it as the response's {@code X-Request-Id}; handlers read it back with {@link #of}. Requests
 * refused before routing take theirs from {@link #next}.
 */
public final class RequestIds {
  /** The response header that carries the request id. */
  public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");

  /** The MDC key of the request id in log lines. */
  public static final String MDC_KEY = "request_id";

  private RequestIds() {}

  /** A fresh request id: a random UUID (v4) in its 36-character text form. */
  public static String next() {
    return UUID.randomUUID().toString();
  }

  /**
   * The id of the request being routed on this thread (what {@link RequestIdFilter} put in the
   * MDC), or a fresh one for a request refused before routing.
   */
  public static String current() {
    String requestId = MDC.get(MDC_KEY);
    return requestId == null ? next() : requestId;
  }

  /** The {@code X-Request-Id} header for {@code requestId}. */
  static Header header(String requestId) {
    return HeaderValues.create(HEADER, requestId);
  }

  /**
   * The id of the request being answered on {@code res}: the one its {@code X-Request-Id} carries.
   * A response without one (a handler run outside the routing's filter) is given a fresh id, set on
   * it, so that the answer and its body still agree.
   */
  public static String of(ServerResponse res) {
    ServerResponseHeaders headers = res.headers();
    if (headers.contains(HEADER)) {
      return headers.get(HEADER).get();
    }
    String requestId = next();
    headers.set(header(requestId));
    return requestId;
  }
}
