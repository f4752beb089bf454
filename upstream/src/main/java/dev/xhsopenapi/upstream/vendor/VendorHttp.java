package dev.xhsopenapi.upstream.vendor;

import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.http.SourceHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of a commercial source: one HTTP/1.1 client per source ({@link SourceHttp}: pooled
 * keep-alive connections, the call made on the caller's thread), one GET per call, each wait for
 * the vendor bounded by the source's timeout and by the time left before the call's deadline.
 * Transport failures come out as classified {@link UpstreamException}s whose messages never hold
 * the URI (JustOneAPI puts the key in it) nor the key. Thread-safe.
 */
final class VendorHttp implements AutoCloseable {
  private final VendorSettings settings;
  private final Clock clock;
  private final String base;
  private final SourceHttp client;

  /** One query parameter, in the order it is sent. */
  record QueryParam(String name, String value) {}

  /**
   * What the vendor answered.
   *
   * @param status the HTTP status
   * @param body the body as received
   * @param retryAfter the {@code Retry-After} header, when there is one
   */
  // The body is handed over, never copied or compared.
  @SuppressWarnings("ArrayRecordComponent")
  record Reply(int status, byte[] body, Optional<String> retryAfter) {}

  /**
   * Creates the client.
   *
   * @throws IllegalArgumentException when a configured path is not a URL path
   */
  VendorHttp(VendorSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.base = settings.baseUrl().toString().replaceAll("/+$", "");
    settings
        .paths()
        .forEach(
            (operation, path) -> {
              if (!path.startsWith("/") || !validPath(path)) {
                throw new IllegalArgumentException(
                    settings.name()
                        + ": the path configured for "
                        + operation
                        + " must be a URL path starting with /, got "
                        + path);
              }
            });
    this.client = new SourceHttp(settings.timeout());
  }

  /**
   * Sends {@code GET base + path + "?" + query}, with {@code Authorization: Bearer <key>} when
   * {@code bearer}.
   *
   * @param path the path from the base URL, starting with {@code /}
   * @param query the parameters, URL-encoded here, in this order; none with an empty value
   * @param bearer whether the key goes in the {@code Authorization} header
   * @param call the customer call, whose deadline bounds the wait
   * @return the vendor's answer, whatever its status
   * @throws UpstreamException {@code timeout} when no time is left (nothing is sent) or no answer
   *     came in time; {@code network} when the vendor cannot be reached
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  Reply get(String path, List<QueryParam> query, boolean bearer, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    Duration left = Duration.between(clock.instant(), call.deadline());
    Duration timeout = left.compareTo(settings.timeout()) < 0 ? left : settings.timeout();
    if (!timeout.isPositive()) {
      throw Failure.TIMEOUT.at(settings.name(), "no time left before the deadline; not called");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (bearer) {
      headers.put("Authorization", "Bearer " + settings.key());
    }
    try {
      SourceHttp.Reply reply = client.get(base + path + encode(query), headers, timeout, null);
      return new Reply(reply.status(), reply.body(), reply.header("Retry-After"));
    } catch (SocketTimeoutException e) {
      throw Failure.TIMEOUT.at(
          settings.name(), "no answer within " + timeout.toMillis() + " ms", safe(e));
    } catch (IOException e) {
      if (Thread.interrupted()) {
        // An interrupt closes the socket a virtual thread is blocked on; that is no failure of
        // the vendor's.
        throw new InterruptedException("interrupted while calling " + settings.name());
      }
      throw Failure.NETWORK.at(settings.name(), "cannot be reached (" + describe(e) + ")", safe(e));
    }
  }

  /** Stops the HTTP client. */
  @Override
  public void close() {
    client.close();
  }

  private boolean validPath(String path) {
    try {
      URI uri = URI.create(base + path);
      return uri.getRawQuery() == null && uri.getRawFragment() == null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String encode(List<QueryParam> query) {
    StringBuilder s = new StringBuilder();
    for (QueryParam p : query) {
      s.append(s.isEmpty() ? '?' : '&')
          .append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8));
    }
    return s.toString();
  }

  /** The exception's type and message, with the key blanked out. */
  private String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + Failure.quoted(message, settings.key());
  }

  /**
   * The exception as a cause, or null when any message in its chain holds the key or this source's
   * base URL (a URI with the token in its query would start with it).
   */
  private Throwable safe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && ((!settings.key().isEmpty() && message.contains(settings.key()))
              || message.contains(base))) {
        return null;
      }
    }
    return e;
  }
}
