package dev.xhsopenapi.upstream.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.xhsopenapi.upstream.NotesAnswer;
import dev.xhsopenapi.upstream.NotesQuery;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelayProviderTest {
  private static final String DATA =
      "{ \"code\":0, \"success\":true,\"msg\":\"成功 😀\",\"data\":{\"notes\":[{\"id\":\"a\",\"x\":1.50}],"
          + "\"has_more\":false,\"cursor\":\"\"} ,\"zz\":null}";

  private HttpServer server;
  private final AtomicReference<Answer> next = new AtomicReference<>();
  private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
  private RelayProvider relay;

  private record Answer(int status, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          Answer a = next.get();
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(a.status(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    relay =
        new RelayProvider(
            new RelaySettings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "sk_live_relaykey",
                "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes",
                Duration.ofSeconds(2)),
            new ObjectMapper(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private NotesAnswer call() throws Exception {
    return relay.userNotes(
        new NotesQuery("5efdeba4000000000101e7e6", ""),
        new UpstreamCall("r1", "acc", Instant.now().plusSeconds(5)));
  }

  @Test
  void page_isTheRelaysDataByteForByte() throws Exception {
    next.set(new Answer(200, "{\"code\":200,\"request_id\":\"x\",\"data\":" + DATA + "}"));
    NotesAnswer answer = call();
    assertThat(new String(((NotesAnswer.Page) answer).body(), StandardCharsets.UTF_8))
        .isEqualTo(DATA);
    assertThat(seenAuthorization.get()).isEqualTo("Bearer sk_live_relaykey");
  }

  @Test
  void data_beforeOtherFields_isCutExactlyToo() throws Exception {
    next.set(new Answer(200, "{\"data\":  " + DATA + "  ,\"code\":200,\"request_id\":\"x\"}"));
    assertThat(new String(((NotesAnswer.Page) call()).body(), StandardCharsets.UTF_8))
        .isEqualTo(DATA);
  }

  @Test
  void userNotFound_isDefinitive() throws Exception {
    next.set(
        new Answer(
            404, "{\"code\":404,\"error\":\"user_not_found\",\"message\":\"m\",\"data\":null}"));
    assertThat(call()).isInstanceOf(NotesAnswer.UserNotFound.class);
  }

  @Test
  void errors_mapToOurKinds() {
    assertKind(404, "{\"code\":404,\"error\":\"not_found\"}", UpstreamException.Kind.UNUSABLE);
    assertKind(
        401, "{\"code\":401,\"error\":\"invalid_api_key\"}", UpstreamException.Kind.UNAVAILABLE);
    assertKind(
        402,
        "{\"code\":402,\"error\":\"insufficient_credits\"}",
        UpstreamException.Kind.UNAVAILABLE);
    assertKind(
        429, "{\"code\":429,\"error\":\"rate_limited\"}", UpstreamException.Kind.UNAVAILABLE);
    assertKind(502, "{\"code\":502,\"error\":\"upstream_error\"}", UpstreamException.Kind.UNUSABLE);
    assertKind(
        503,
        "{\"code\":503,\"error\":\"upstream_unavailable\"}",
        UpstreamException.Kind.UNAVAILABLE);
    assertKind(
        504, "{\"code\":504,\"error\":\"upstream_timeout\"}", UpstreamException.Kind.TIMEOUT);
    assertKind(200, "{\"code\":200,\"data\":null}", UpstreamException.Kind.UNUSABLE);
    assertKind(200, "{\"code\":200,\"data\":{\"trunc", UpstreamException.Kind.UNUSABLE);
  }

  @Test
  void unreachableRelay_isUnavailable() {
    server.stop(0);
    assertThatThrownBy(this::call)
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
  }

  private void assertKind(int status, String body, UpstreamException.Kind kind) {
    next.set(new Answer(status, body));
    assertThatThrownBy(this::call)
        .as("HTTP %d %s", status, body)
        .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
