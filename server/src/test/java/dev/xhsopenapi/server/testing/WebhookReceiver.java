package dev.xhsopenapi.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A webhook receiver on loopback (the JDK's HTTP server, a virtual thread per request) that records
 * every request it gets, hands it to the test's {@link #onRequest hook}, and answers with the
 * statuses a test scripts: the queued ones first, then {@code otherwise}.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> script = new ConcurrentLinkedDeque<>();
  private volatile IntSupplier otherwise = () -> 200;
  private volatile Consumer<Received> hook = r -> {};

  /** One request as received. */
  public record Received(String path, Map<String, List<String>> headers, String body) {

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on a free loopback port. */
  public static WebhookReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received request =
                new Received(
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8));
            receiver.received.add(request);
            receiver.hook.accept(request);
            Integer next = receiver.script.pollFirst();
            int status = next == null ? receiver.otherwise.getAsInt() : next;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.setExecutor(receiver.handlers);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of {@code path} on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers these statuses to the next requests, in order. */
  public void answer(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  /** Answers {@code status} once the scripted statuses are used up. */
  public void otherwise(int status) {
    this.otherwise = () -> status;
  }

  /**
   * Runs {@code hook} on each request from now on, once it is recorded and before it is answered
   * (the sender is still waiting for the answer then); null for none.
   */
  public void onRequest(Consumer<Received> hook) {
    this.hook = hook == null ? r -> {} : hook;
  }

  /** Every request so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
