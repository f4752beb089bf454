package dev.xhsopenapi.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A SpiderHubs-compatible gateway (a MockWebServer on a free loopback port) whose endpoints answer
 * from handlers given by the test: for the endpoints the in-process simulator does not serve. A
 * path without a handler is 404 {@code not_found}.
 */
public final class CatalogueApi implements AutoCloseable {
  /** An answer: the HTTP status and the body. */
  public record Reply(int status, String body) {
    /** A 200 success envelope around {@code data}. */
    public static Reply ok(String data) {
      return new Reply(200, "{\"code\":200,\"request_id\":\"req\",\"data\":" + data + "}");
    }

    /** A 200 success envelope around an upstream body whose inner {@code data} is {@code data}. */
    public static Reply inner(String data) {
      return ok("{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":" + data + "}");
    }

    /** The gateway's error envelope. */
    public static Reply error(int status, String error) {
      return new Reply(
          status,
          "{\"code\":"
              + status
              + ",\"request_id\":\"req-err\",\"error\":\""
              + error
              + "\",\"message\":\""
              + error
              + " said the test\",\"data\":null}");
    }
  }

  private static final Pattern AMPERSAND = Pattern.compile("&");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Function<Map<String, String>, Reply>> handlers =
      new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** Starts the server. */
  public CatalogueApi() {
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

  /**
   * Answers requests to {@code relativePath} (after {@code
   * /openapi/v1/contentcreator/xiaohongshu/}) with {@code handler}, given the decoded query.
   */
  public CatalogueApi on(String relativePath, Function<Map<String, String>, Reply> handler) {
    handlers.put("/openapi/v1/contentcreator/xiaohongshu/" + relativePath, handler);
    return this;
  }

  /** The gateway's base URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** The requests so far, as path and query, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The requests so far to {@code relativePath}. */
  public List<String> requests(String relativePath) {
    String path = "/openapi/v1/contentcreator/xiaohongshu/" + relativePath;
    return requests.stream().filter(r -> r.equals(path) || r.startsWith(path + "?")).toList();
  }

  private MockResponse answer(RecordedRequest request) {
    String target = request.getTarget();
    requests.add(target);
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : AMPERSAND.split(target.substring(q + 1), -1)) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    Function<Map<String, String>, Reply> handler = handlers.get(path);
    Reply reply = handler == null ? Reply.error(404, "not_found") : handler.apply(query);
    return new MockResponse.Builder()
        .code(reply.status())
        .setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", "req")
        .body(reply.body())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
