package dev.xhsopenapi.sdk;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A MockWebServer on a free loopback port that answers the watch calls from a queue, with bodies
 * shaped like the gateway's; every request is kept, method and body included.
 */
final class WatchServer implements AutoCloseable {
  static final String USER = "5efdeba4000000000101e7e6";

  private final MockWebServer server = new MockWebServer();

  WatchServer() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Queues an answer with a JSON body (none when {@code body} is null). */
  WatchServer then(int status, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(status);
    if (body != null) {
      b.setHeader("Content-Type", "application/json").body(body);
    }
    server.enqueue(b.build());
    return this;
  }

  /** Queues a connection closed without an answer. */
  WatchServer thenDrop() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    return this;
  }

  /** Queues a 429 that asks for a wait of {@code seconds}. */
  WatchServer thenRateLimited(int seconds) {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "application/json")
            .setHeader("Retry-After", Integer.toString(seconds))
            .body(error(429, "rate_limited"))
            .build());
    return this;
  }

  /** The next request received, waiting for it a little. */
  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request came");
    }
    return r;
  }

  /** How many requests came so far. */
  int requestCount() {
    return server.getRequestCount();
  }

  /** A success envelope around {@code data}. */
  static String ok(int code, String data) {
    return "{\"code\":" + code + ",\"request_id\":\"req-" + code + "\",\"data\":" + data + "}";
  }

  /** The gateway's error envelope. */
  static String error(int code, String error) {
    return "{\"code\":"
        + code
        + ",\"request_id\":\"req-err\",\"error\":\""
        + error
        + "\",\"message\":\""
        + error
        + " said the test\",\"data\":null}";
  }

  /** A Watch object: active, polled once, with a URL. */
  static String watch(String id) {
    return """
        {"watch_id":"%s","user_id":"%s","url":"https://hooks.example.com/xhs",\
        "interval_s":1800,"max_pages_per_poll":3,"emit_existing":true,"status":"active",\
        "created_at":"2026-11-30T11:00:00Z","last_poll_at":"2026-11-30T11:30:00Z",\
        "next_poll_at":"2026-11-30T12:00:00Z","last_error":null,"notes_seen":42,\
        "failures_in_a_row":0}"""
        .formatted(id, USER);
  }

  /** An Event object of type note.created, with a delivery. */
  static String noteEvent(String id, String noteId, String delivery) {
    return """
        {"event_id":"%s","type":"note.created","watch_id":"wch_1","user_id":"%s",\
        "created_at":"2026-11-30T11:30:01Z","data":{"note":{"id":"%s","display_title":"t %s",\
        "likes":12,"type":"normal"}},"delivery":{"status":"%s","attempts":1}}"""
        .formatted(id, USER, noteId, noteId, delivery);
  }

  @Override
  public void close() {
    server.close();
  }
}
