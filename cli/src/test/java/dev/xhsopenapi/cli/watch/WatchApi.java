package dev.xhsopenapi.cli.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A gateway's watch API scripted by the test (a MockWebServer on a free loopback port): each
 * request takes the next scripted answer, the last one repeating; every request is recorded as
 * {@code METHOD target}, with its body and Authorization header.
 */
final class WatchApi implements AutoCloseable {
  static final String USER = "5efdeba4000000000101e7e6";

  /** One request as received. */
  record Request(String line, String body, String authorization) {}

  private record Answer(int status, String body) {}

  private final MockWebServer server = new MockWebServer();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  WatchApi() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Appends an answer with a JSON body, or none when {@code body} is null. */
  synchronized WatchApi then(int status, String body) {
    script.add(new Answer(status, body));
    return this;
  }

  /** The requests so far. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The request lines so far, such as {@code GET /openapi/v1/watches}. */
  List<String> lines() {
    return requests.stream().map(Request::line).toList();
  }

  /** A success envelope around {@code data}. */
  static String ok(int code, String data) {
    return "{\"code\":" + code + ",\"request_id\":\"req\",\"data\":" + data + "}";
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

  /** A Watch object. */
  static String watch(String id, String url, String lastPollAt, String lastError) {
    return """
        {"watch_id":"%s","user_id":"%s","url":%s,"interval_s":5400,"max_pages_per_poll":3,\
        "emit_existing":false,"status":"active","created_at":"2026-11-30T11:00:00Z",\
        "last_poll_at":%s,"next_poll_at":"2026-11-30T13:00:00Z","last_error":%s,\
        "notes_seen":42,"failures_in_a_row":0}"""
        .formatted(id, USER, quoted(url), quoted(lastPollAt), quoted(lastError));
  }

  /** An Event object of type note.created. */
  static String event(String id, String noteId) {
    return """
        {"event_id":"%s","type":"note.created","watch_id":"wch_1","user_id":"%s",\
        "created_at":"2026-11-30T11:30:01Z","data":{"note":{"id":"%s","title":"露营 %s"}},\
        "delivery":{"status":"delivered","attempts":1}}"""
        .formatted(id, USER, noteId, noteId);
  }

  /** A page of events. */
  static String page(String next, String... events) {
    return ok(200, "{\"events\":[" + String.join(",", events) + "],\"next\":" + quoted(next) + "}");
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  private MockResponse answer(RecordedRequest request) {
    requests.add(
        new Request(
            request.getMethod() + " " + request.getTarget(),
            request.getBody() == null ? "" : request.getBody().utf8(),
            request.getHeaders().get("Authorization")));
    Answer a;
    synchronized (this) {
      a = script.size() > 1 ? script.poll() : script.peek();
    }
    if (a == null) {
      return new MockResponse.Builder().code(500).body(error(500, "unscripted")).build();
    }
    MockResponse.Builder b = new MockResponse.Builder().code(a.status());
    if (a.body() != null) {
      b.setHeader("Content-Type", "application/json").body(a.body());
    }
    return b.build();
  }

  @Override
  public void close() {
    server.close();
  }
}
