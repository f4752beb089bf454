package dev.xhsopenapi.sdk;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A MockWebServer on a free loopback port that answers from a script: each request takes the next
 * scripted reply (the last one repeats), and every request URI and Authorization header is
 * recorded.
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

  private final MockWebServer server = new MockWebServer();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> accepts = new CopyOnWriteArrayList<>();

  ScriptedServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** Appends replies to the script. */
  synchronized ScriptedServer then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** A client of this server with a test key, on {@code time}'s clock and sleeper. */
  XhsOpenApiClient.Builder client(FakeTime time) {
    return XhsOpenApiClient.builder()
        .baseUrl(baseUrl())
        .apiKey("sk_live_test")
        .clock(time)
        .sleeper(time);
  }

  /** The URIs (path and query) of the requests so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** The Authorization headers of the requests so far ({@code "null"} where there was none). */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** The Accept headers of the requests so far ({@code "null"} where there was none). */
  List<String> accepts() {
    return List.copyOf(accepts);
  }

  private MockResponse answer(RecordedRequest request) {
    requests.add(request.getTarget());
    accepts.add(String.valueOf(request.getHeaders().get("Accept")));
    authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
    Reply reply;
    synchronized (this) {
      reply = script.size() > 1 ? script.poll() : script.peek();
    }
    if (reply == null || reply.status() == 0) {
      return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }
    MockResponse.Builder b = new MockResponse.Builder().code(reply.status()).body(reply.body());
    reply.headers().forEach(b::setHeader);
    return b.build();
  }

  @Override
  public void close() {
    server.close();
  }
}
