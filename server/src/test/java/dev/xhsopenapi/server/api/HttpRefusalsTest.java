package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.RawHttp;
import dev.xhsopenapi.server.testing.RawHttp.Answer;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the HTTP layer refuses before any route runs (or while a route reads the body) are
 * answered in the one error envelope with a request id, like every other answer: a request line
 * past 4096 bytes (414), headers past 16 KiB (431), a body past {@code http.max-body-bytes} (413,
 * unread), and requests that are not valid HTTP (400).
 */
class HttpRefusalsTest {
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @TempDir Path dir;
  private TestGateway gw;
  private String account;
  private String key;
  private String user;

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, Clock.systemUTC(), Map.of());
    account = gw.createAccount("refusals", 100, 300);
    key = gw.createKey(account);
    user = SimDataset.generate(1).users().get(0).userId();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void bareCrInAHeader_is400InTheEnvelope_andCostsNothing() {
    Answer a =
        send(
            "GET "
                + notesPath(user, "")
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\r\nX-Note: a\rb\r\nConnection: close\r\n\r\n");
    assertEnvelope(a, 400, "invalid_param");
    assertThat(a.json().get("message").asText()).contains("HTTP/1.1").contains("control character");
    assertThat(gw.balance(account)).isEqualTo(100);
  }

  @Test
  void controlCharacterInAHeaderValue_is400InTheEnvelope() {
    Answer a =
        send(
            "GET /openapi/v1/account HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\u0001\r\nConnection: close\r\n\r\n");
    assertEnvelope(a, 400, "invalid_param");
  }

  @Test
  void malformedRequestLine_is400InTheEnvelope() {
    assertEnvelope(send("NONSENSE\r\nHost: x\r\n\r\n"), 400, "invalid_param");
    assertEnvelope(send("GET /openapi/v1/account HTTP/1.0\r\n\r\n"), 400, "invalid_param");
    // Lines that end as HTTP/1.1 requests do but do not parse as one.
    assertEnvelope(send("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "invalid_param");
    assertEnvelope(send("GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "invalid_param");
    assertEnvelope(send("GET /a\rb HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "invalid_param");
    assertEnvelope(send("GET /a HTTP/1.1\r\nNo colon here\r\n\r\n"), 400, "invalid_param");
  }

  @Test
  void aCursorOf5000Characters_is414InTheEnvelope_andCostsNothing() {
    Answer a =
        send(
            "GET "
                + notesPath(user, "a".repeat(5_000))
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\r\nConnection: close\r\n\r\n");
    assertEnvelope(a, 414, "uri_too_long");
    assertThat(a.json().get("message").asText()).contains("4096");
    assertThat(gw.balance(account)).isEqualTo(100);
  }

  @Test
  void aRequestLineJustUnderTheLimit_reachesValidation() {
    // 4096 bytes in all with "GET ", " HTTP/1.1" and the CRLF: read, then refused by the endpoint.
    String head = "GET " + notesPath(user, "");
    String cursor = "a".repeat(4096 - head.length() - " HTTP/1.1\r\n".length());
    Answer a =
        send(
            "GET "
                + notesPath(user, cursor)
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\r\nConnection: close\r\n\r\n");
    assertEnvelope(a, 400, "invalid_param");
    assertThat(a.json().get("message").asText()).contains("cursor");
  }

  @Test
  void headersOf20KiB_are431InTheEnvelope() {
    Answer a =
        send(
            "GET /openapi/v1/account HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\r\nX-Padding: "
                + "p".repeat(20 * 1024)
                + "\r\nConnection: close\r\n\r\n");
    assertEnvelope(a, 431, "headers_too_large");
    assertThat(a.json().get("message").asText()).contains("16384");
  }

  @Test
  void anAdminBodyPastTheDefault1MiB_is413_beforeItIsSent() {
    // Only the head goes out: a server that read the 20 MB body would wait here for ever.
    Answer a =
        send(
            "POST /admin/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestGateway.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n");
    assertEnvelope(a, 413, "payload_too_large");
    assertThat(a.json().get("message").asText()).contains("1048576");
    assertThat(a.header("Connection")).isEqualToIgnoringCase("close");
  }

  @Test
  void anAdminBodyOfExactly1MiB_isRead() {
    // A JSON object padded with spaces to the limit: read whole, then validated (name missing).
    String json = "{\"credits\": 1" + " ".repeat(1_048_576 - 14) + "}";
    assertThat(json).hasSize(1_048_576);
    Answer a =
        send(
            "POST /admin/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestGateway.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length()
                + "\r\nConnection: close\r\n\r\n"
                + json);
    assertEnvelope(a, 400, "invalid_param");
    assertThat(a.json().get("message").asText()).contains("name");
  }

  @Test
  void aChunkedAdminBodyPastTheLimit_is413InTheEnvelope() {
    try (TestGateway small =
        TestGateway.start(dir.resolve("small"), Clock.systemUTC(), limit(1024))) {
      // The first chunk announces 2048 bytes: past the limit before any of it is read.
      Answer a =
          RawHttp.exchange(
              small.gateway().port(),
              "POST /admin/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TestGateway.ADMIN_TOKEN
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "800\r\n");
      assertEnvelope(a, 413, "payload_too_large");
      assertThat(a.json().get("message").asText()).contains("1024");
      // Nothing was created.
      assertThat(small.gateway().accounts().list(null, 10)).isEmpty();
    }
  }

  @Test
  void aConsoleFormPostPastTheLimit_is413InTheEnvelope() {
    try (TestGateway small =
        TestGateway.start(dir.resolve("small"), Clock.systemUTC(), limit(1024))) {
      String form = "email=a%40b.c&password=" + "x".repeat(2_000);
      Answer a =
          RawHttp.exchange(
              small.gateway().port(),
              "POST /console/login HTTP/1.1\r\nHost: x\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                  + form.length()
                  + "\r\n\r\n"
                  + form);
      assertEnvelope(a, 413, "payload_too_large");
    }
  }

  @Test
  void aChunkedConsoleFormPostPastTheLimit_is413InTheEnvelope() {
    try (TestGateway small =
        TestGateway.start(dir.resolve("small"), Clock.systemUTC(), limit(1024))) {
      // The console reads the form itself: the refusal met while reading must reach the
      // HTTP layer's handler, not the console's page for unexpected failures.
      Answer a =
          RawHttp.exchange(
              small.gateway().port(),
              "POST /console/login HTTP/1.1\r\nHost: x\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n800\r\n"
                  + "x".repeat(2048)
                  + "\r\n0\r\n\r\n");
      assertEnvelope(a, 413, "payload_too_large");
    }
  }

  @Test
  void aSmallerLimit_stillLetsBodiesUnderItThrough() {
    try (TestGateway small =
        TestGateway.start(dir.resolve("small"), Clock.systemUTC(), limit(1024))) {
      String json = "{\"name\":\"fits\",\"credits\":5}";
      Answer a =
          RawHttp.exchange(
              small.gateway().port(),
              "POST /admin/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TestGateway.ADMIN_TOKEN
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + json.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + json);
      assertThat(a.status()).as("%s", a).isEqualTo(201);
      assertThat(a.json().get("name").asText()).isEqualTo("fits");
    }
  }

  @Test
  void afterARefusal_theServerKeepsServing() {
    send("GET /" + "x".repeat(5_000) + " HTTP/1.1\r\n\r\n");
    send("GET / HTTP/1.1\r\nX-Bad: \u0002\r\n\r\n");
    assertThat(gw.get("/openapi/v1/account", "Bearer " + key).status()).isEqualTo(200);
  }

  private Answer send(String request) {
    return RawHttp.exchange(gw.gateway().port(), request);
  }

  private static Map<String, String> limit(long bytes) {
    return Map.of("http.max-body-bytes", Long.toString(bytes));
  }

  private static String notesPath(String userId, String cursor) {
    return PublicApi.NOTES_PATH + "?user_id=" + userId + "&cursor=" + cursor;
  }

  /** The one error body, a fresh request id in it and in {@code X-Request-Id}, JSON type. */
  static void assertEnvelope(Answer a, int status, String error) {
    assertThat(a.status()).as("%s", a).isEqualTo(status);
    assertThat(a.header("Content-Type")).as("%s", a).startsWith("application/json");
    JsonNode body = a.json();
    List<String> fields = fields(body);
    assertThat(fields).containsExactly("code", "request_id", "error", "message", "data");
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(body.get("request_id").asText()).matches(UUID_V4);
    assertThat(a.all("X-Request-Id")).containsExactly(body.get("request_id").asText());
  }

  private static List<String> fields(JsonNode body) {
    List<String> out = new java.util.ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
