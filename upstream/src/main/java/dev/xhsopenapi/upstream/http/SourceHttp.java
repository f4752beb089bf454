package dev.xhsopenapi.upstream.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One source's HTTP/1.1 client: each call is made on the calling thread (a virtual thread parks
 * while it waits for the network), over a keep-alive connection taken from this client's own pool,
 * so a call costs no hand-off to a selector or worker thread and no connection set-up once the pool
 * is warm. Thread-safe; connections are never shared with another source's client.
 *
 * <p>A call's {@code timeout} bounds the connection set-up and each wait for the server's bytes
 * (the status line and headers, then the body), as a socket read timeout does.
 */
public final class SourceHttp implements AutoCloseable {
  private final Http1Client client;

  /**
   * Creates the client.
   *
   * @param connectTimeout how long opening a connection may take
   */
  public SourceHttp(Duration connectTimeout) {
    this.client =
        Http1Client.builder()
            .shareConnectionCache(false)
            .followRedirects(false)
            .socketOptions(o -> o.connectTimeout(connectTimeout).tcpNoDelay(true))
            .build();
  }

  /**
   * What the server answered.
   *
   * @param status the HTTP status
   * @param body the body as received
   * @param headers the response headers, read by {@link #header}
   */
  // The body is handed over, never copied or compared.
  @SuppressWarnings("ArrayRecordComponent")
  public record Reply(int status, byte[] body, io.helidon.http.ClientResponseHeaders headers) {

    /** The first value of the named response header (names are case-insensitive). */
    public Optional<String> header(String name) {
      return headers.first(HeaderNames.create(name));
    }
  }

  /**
   * Sends {@code GET uri}.
   *
   * @param uri the whole URI, its query already encoded (it is sent as it is)
   * @param headers request headers, in this order
   * @param timeout see the class comment; must be positive
   * @param proxy the HTTP proxy to go through ({@code http://host:port}), or null for the client's
   *     default (the JVM's proxy settings, none unless configured)
   * @return the answer, whatever its status
   * @throws SocketTimeoutException when the server took longer than {@code timeout}
   * @throws IOException when the server cannot be reached or closed the connection early
   */
  public Reply get(String uri, Map<String, String> headers, Duration timeout, URI proxy)
      throws IOException {
    return send(request(client.get(), uri, headers, timeout, proxy), null);
  }

  /**
   * Sends {@code POST uri} with {@code body}; see {@link #get} for the parameters and failures.
   *
   * @param body the request body, sent as it is with the {@code Content-Type} given in {@code
   *     headers}
   */
  public Reply post(
      String uri, Map<String, String> headers, byte[] body, Duration timeout, URI proxy)
      throws IOException {
    return send(request(client.post(), uri, headers, timeout, proxy), body);
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    client.closeResource();
  }

  private static Http1ClientRequest request(
      Http1ClientRequest request,
      String uri,
      Map<String, String> headers,
      Duration timeout,
      URI proxy) {
    request.skipUriEncoding(true).uri(uri).readTimeout(timeout);
    headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
    if (proxy != null) {
      request.proxy(
          Proxy.builder()
              .type(Proxy.ProxyType.HTTP)
              .host(proxy.getHost())
              .port(proxy.getPort())
              .build());
    }
    return request;
  }

  private static Reply send(Http1ClientRequest request, byte[] body) throws IOException {
    try (Http1ClientResponse response = body == null ? request.request() : request.submit(body)) {
      byte[] bytes = response.inputStream().readAllBytes();
      return new Reply(response.status().code(), bytes, response.headers());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (DataReader.InsufficientDataAvailableException e) {
      throw new IOException("the server closed the connection before it answered", e);
    }
  }
}
