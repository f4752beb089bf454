package dev.xhsopenapi.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP server that answers from a script: each request takes the next scripted reply (the
 * last one repeats), and every request URI is recorded.
 */
final class ScriptedServer implements AutoCloseable {
  /** A scripted reply; status 0 closes the connection without answering. */
  record Reply(int status, Map<String, String> headers, String body) {
    static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json"), body);
    }

    static Reply drop() {
      return new Reply(0, Map.of(), "");
    }
  }

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private boolean closed;

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Appends replies to the script. */
  synchronized ScriptedServer then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The URIs (path and query) of the requests so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** The Authorization headers of the requests so far. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestURI().toString());
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    Reply reply;
    synchronized (this) {
      reply = script.size() > 1 ? script.poll() : script.peek();
    }
    if (reply == null || reply.status() == 0) {
      exchange.close();
      return;
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
    }
  }
}
