package dev.xhsopenapi.server.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's stylesheet, script and icon, from {@code console/static/} on the class path: a
 * fixed list read once, so that no request can name any other resource.
 */
final class StaticAssets {
  private static final Map<String, String> TYPES =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "favicon.svg", "image/svg+xml");

  private final Map<String, byte[]> files;

  StaticAssets() {
    this.files =
        Map.of(
            "console.css", read("console.css"),
            "console.js", read("console.js"),
            "favicon.svg", read("favicon.svg"));
  }

  void serve(ServerRequest req, ServerResponse res) {
    // X-Request-Id is set by the routing's RequestIdFilter, as on every answer.
    res.header("X-Content-Type-Options", "nosniff");
    String name = req.path().pathParameters().get("file");
    byte[] body = files.get(name);
    if (body == null) {
      res.status(Status.NOT_FOUND_404)
          .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
          .send("no such file".getBytes(StandardCharsets.UTF_8));
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, TYPES.get(name))
        .header(HeaderNames.CACHE_CONTROL, "public, max-age=300")
        .send(body);
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream("/console/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing console asset " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
