package dev.xhsopenapi.upstream.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Requests;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A scripted vendor on a loopback port, the provider under test pointed at it, and a record of the
 * calls the provider reported as billed.
 */
final class VendorFixture implements AutoCloseable {
  static final String KEY = "sk_live_Secret0Key0Never0Shown";
  static final String USER = "5efdeba4000000000101e7e6";
  static final String CURSOR = "64f1c2a3000000001f03b7a1";

  /** One classification row: what the vendor answers and how the provider must fail. */
  record Failing(
      int status,
      String body,
      UpstreamException.Kind kind,
      String failureClass,
      boolean exhausted,
      boolean billed) {}

  final MockWebServer server = new MockWebServer();
  final List<String> billed = new CopyOnWriteArrayList<>();
  private final VendorKind kind;
  private final UpstreamEvents events =
      new UpstreamEvents() {
        @Override
        public void providerCall(String provider, String outcome, long nanos) {}

        @Override
        public void sessionCall(String provider, String session, String outcome, long nanos) {}

        @Override
        public void billed(String source, UpstreamCall call) {
          billed.add(source + " " + call.requestId());
        }
      };

  VendorFixture(VendorKind kind) throws IOException {
    this.kind = kind;
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** The source's configured name. */
  String name() {
    return "backup-" + kind.wire();
  }

  /** A provider of this kind for the scripted vendor, with the given path overrides. */
  VendorProvider provider(Map<String, String> paths) {
    return Vendors.provider(
        new VendorSettings(
            name(),
            kind,
            // A trailing slash, as operators write it: the provider must not double it.
            URI.create("http://127.0.0.1:" + server.getPort() + "/"),
            KEY,
            Duration.ofSeconds(5),
            paths),
        new ObjectMapper(),
        Clock.systemUTC(),
        events);
  }

  /** Scripts the next answer. */
  void answer(int status, String body, String... headerLines) {
    MockResponse.Builder response =
        new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json");
    for (String line : headerLines) {
      response.addHeader(line);
    }
    server.enqueue(response.body(body).build());
  }

  /** Scripts an answer that comes after {@code delayMs}. */
  void answerLate(long delayMs) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .headersDelay(delayMs, TimeUnit.MILLISECONDS)
            .body("{}")
            .build());
  }

  /** A call with ten seconds left. */
  static UpstreamCall call() {
    return callUntil(Instant.now().plusSeconds(10));
  }

  static UpstreamCall callUntil(Instant deadline) {
    return new UpstreamCall("req-1", "acc-1", deadline);
  }

  /** Asks for the user's page after {@code cursor}. */
  static UpstreamAnswer fetch(VendorProvider provider, String cursor) throws Exception {
    return provider.fetch(Requests.notes(USER, cursor), call());
  }

  /** The failure asking for the first page ends in; fails when there is none. */
  static UpstreamException failure(VendorProvider provider, UpstreamCall call) {
    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> provider.fetch(Requests.notes(USER, ""), call));
    assertThat(e).as("the call fails").isNotNull();
    return e;
  }

  /** Answers {@code row}, asks, and checks the failure against the row. */
  UpstreamException assertFails(VendorProvider provider, Failing row) {
    if (row.status() == 429 || row.status() == 503) {
      answer(row.status(), row.body(), "Retry-After: 7");
    } else {
      answer(row.status(), row.body());
    }
    int before = billed.size();
    UpstreamException e = failure(provider, call());
    assertThat(e.kind()).as("kind of %s", row).isEqualTo(row.kind());
    assertThat(e.failureClass()).as("class of %s", row).isEqualTo(row.failureClass());
    assertThat(e.exhausted()).as("exhausted of %s", row).isEqualTo(row.exhausted());
    assertThat(e.provider()).isEqualTo(name());
    assertThat(billed.size() - before)
        .as("billed calls for %s", row)
        .isEqualTo(row.billed() ? 1 : 0);
    assertSafe(e);
    return e;
  }

  /** The message starts with the source's name and holds neither the key nor the URI. */
  void assertSafe(UpstreamException e) {
    assertThat(e.getMessage()).startsWith(name() + ": ").doesNotContain(KEY, "token=", "http://");
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
    }
  }

  /** The next request the vendor received. */
  RecordedRequest request() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the vendor").isNotNull();
    return request;
  }

  static String text(UpstreamAnswer answer) {
    assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
    return new String(((UpstreamAnswer.Data) answer).body(), StandardCharsets.UTF_8);
  }

  static byte[] bytes(UpstreamAnswer answer) {
    assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
    return ((UpstreamAnswer.Data) answer).body();
  }

  @Override
  public void close() {
    server.close();
  }
}
