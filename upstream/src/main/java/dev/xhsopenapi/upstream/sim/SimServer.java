package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.helidon.http.Header;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator over HTTP: a Helidon SE server that hands every request to a {@link Simulator} and
 * sends its answer after the answer's delay, or closes the connection without a response for the
 * reset and timeout faults. Handlers run on virtual threads, so a delay or a held request costs no
 * platform thread.
 */
public final class SimServer implements AutoCloseable {
  private static final long MAX_BODY_BYTES = 1 << 20;

  private final Simulator simulator;
  private final WebServer server;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicInteger held = new AtomicInteger();

  /** The connection threads of the held requests that a stop cut off. */
  private final Set<Thread> cutOff = ConcurrentHashMap.newKeySet();

  /**
   * Creates a server for {@code simulator} on {@code port} (0 picks a free one) of every address.
   */
  public SimServer(Simulator simulator, int port) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.server =
        WebServer.builder()
            .port(port)
            .shutdownHook(false)
            // Without TCP_NODELAY a page's tail waits for the client's delayed ACK (~40 ms).
            .connectionOptions(o -> o.tcpNoDelay(true))
            .maxPayloadSize(MAX_BODY_BYTES)
            .routing(routing -> routing.any(this::serve))
            .build();
  }

  /** Starts listening; returns this server. */
  public SimServer start() {
    server.start();
    return this;
  }

  /** The port the server listens on once started. */
  public int port() {
    return server.port();
  }

  /** The base URI of the started server on the loopback address. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Stops listening; requests in flight, held unanswered ones too, are cut off. */
  public void stop() {
    stopping.countDown();
    // Let held requests drop their connections before the server goes: a connection closed by
    // the stop itself could be left half-open, and its client would wait forever.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      while (held.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      // The handlers have thrown; Helidon closes each connection on the connection's own thread
      // once the exception reaches it, and that thread then ends. Waiting for the threads (not for
      // a while: on a loaded machine that took more than a second) is what makes the clients see
      // the close before the server goes.
      for (Thread thread : cutOff) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          thread.join(Duration.ofNanos(left));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (server.isRunning()) {
      server.stop();
    }
  }

  /** How many requests the timeout fault holds unanswered right now. */
  int heldRequests() {
    return held.get();
  }

  @Override
  public void close() {
    stop();
  }

  private void serve(ServerRequest request, ServerResponse response) throws Exception {
    long received = System.nanoTime();
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : request.headers()) {
      headers.putIfAbsent(header.name(), header.get());
    }
    String body =
        request.content().hasEntity()
            ? new String(request.content().inputStream().readAllBytes(), UTF_8)
            : "";
    SimOutcome outcome =
        simulator.handle(
            new SimRequest(
                request.prologue().method().text(),
                request.prologue().uriPath().rawPath(),
                request.prologue().query().rawValue(),
                headers,
                body));
    switch (outcome) {
      case SimResponse answer -> send(answer, received, response);
      case SimOutcome.ConnectionReset reset -> throw dropped("a reset fault");
      case SimOutcome.NoAnswer silence -> {
        // The client gives up first; the hold and the stop latch only bound the virtual thread.
        held.incrementAndGet();
        boolean stopped;
        try {
          stopped = stopping.await(silence.hold().toMillis(), TimeUnit.MILLISECONDS);
          if (stopped) {
            // Known to the stop before it stops counting this hold.
            cutOff.add(Thread.currentThread());
          }
        } finally {
          held.decrementAndGet();
        }
        throw dropped(stopped ? "a timeout fault, cut off by stop" : "a timeout fault, held out");
      }
    }
  }

  /**
   * Sends the answer once its delay has passed since the request came ({@code receivedNanos}, from
   * {@link System#nanoTime}): the simulator's own work is part of the latency, not added to it.
   */
  private static void send(SimResponse answer, long receivedNanos, ServerResponse response)
      throws InterruptedException {
    Duration rest = answer.delay().minusNanos(System.nanoTime() - receivedNanos);
    if (rest.isPositive()) {
      Thread.sleep(rest);
    }
    response.status(answer.status());
    answer.headers().forEach((name, value) -> response.header(name, value));
    response.send(answer.body());
  }

  /** Makes Helidon close the connection without writing any response. */
  private static CloseConnectionException dropped(String why) {
    return new CloseConnectionException("the simulator drops this connection: " + why);
  }
}
