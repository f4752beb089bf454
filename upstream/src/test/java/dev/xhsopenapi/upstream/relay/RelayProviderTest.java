package dev.xhsopenapi.upstream.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Requests;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelayProviderTest {
  private static final String DATA =
      "{ \"code\":0, \"success\":true,\"msg\":\"成功 😀\",\"data\":{\"notes\":[{\"id\":\"a\",\"x\":1.50}],"
          + "\"has_more\":false,\"cursor\":\"\"} ,\"zz\":null}";

  private final MockWebServer server = new MockWebServer();
  private final AtomicReference<Answer> next = new AtomicReference<>();
  private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
  private RelayProvider relay;

  private record Answer(int status, String body) {}

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            seenAuthorization.set(request.getHeaders().get("Authorization"));
            Answer a = next.get();
            return new MockResponse.Builder()
                .code(a.status())
                .setHeader("Content-Type", "application/json")
                .body(a.body())
                .build();
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    relay =
        new RelayProvider(
            new RelaySettings(
                URI.create("http://127.0.0.1:" + server.getPort()),
                "sk_live_relaykey",
                "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes",
                Duration.ofSeconds(2)),
            new ObjectMapper(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UpstreamAnswer call() throws Exception {
    return relay.fetch(
        Requests.notes("5efdeba4000000000101e7e6", ""),
        new UpstreamCall("r1", "acc", Instant.now().plusSeconds(5)));
  }

  @Test
  void page_isTheRelaysDataByteForByte() throws Exception {
    next.set(new Answer(200, "{\"code\":200,\"request_id\":\"x\",\"data\":" + DATA + "}"));
    UpstreamAnswer answer = call();
    assertThat(new String(((UpstreamAnswer.Data) answer).body(), StandardCharsets.UTF_8))
        .isEqualTo(DATA);
    assertThat(seenAuthorization.get()).isEqualTo("Bearer sk_live_relaykey");
  }

  @Test
  void data_beforeOtherFields_isCutExactlyToo() throws Exception {
    next.set(new Answer(200, "{\"data\":  " + DATA + "  ,\"code\":200,\"request_id\":\"x\"}"));
    assertThat(new String(((UpstreamAnswer.Data) call()).body(), StandardCharsets.UTF_8))
        .isEqualTo(DATA);
  }

  @Test
  void userNotFound_isDefinitive() throws Exception {
    next.set(
        new Answer(
            404, "{\"code\":404,\"error\":\"user_not_found\",\"message\":\"m\",\"data\":null}"));
    assertThat(call()).isInstanceOf(UpstreamAnswer.NotFound.class);
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
    server.close();
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
