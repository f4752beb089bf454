package dev.xhsopenapi.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.server.testing.RawHttp;
import dev.xhsopenapi.server.testing.RawHttp.Answer;
import dev.xhsopenapi.server.testing.TestGateway;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer of the gateway carries one {@code X-Request-Id}, a UUID v4, whatever answered it:
 * the public API, the admin API, the docs, health, metrics, the console (pages and files), the
 * fallback for unknown paths and methods, and the HTTP layer's refusals before and during routing.
 * Where the body is JSON with a {@code request_id}, it is the same id; where it is a console page,
 * the page shows it.
 */
class RequestIdEverywhereTest {
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static final String ADMIN = "Bearer " + TestGateway.ADMIN_TOKEN;

  @TempDir Path dir;
  private TestGateway gw;
  private String key;
  private final Set<String> seen = new HashSet<>();

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, Map.of());
    key = gw.createKey(gw.createAccount("ids", 100, 300));
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void publicApi_answersAndRefusals_carryTheBodysId_andTheLogRowHasIt() {
    String id = jsonWithId(get(PublicApi.ACCOUNT_PATH, "Bearer " + key), 200);
    jsonWithId(get(PublicApi.ACCOUNT_PATH, "Bearer xhs_wrong"), 401);
    // The request log keeps the answer's id.
    Answer row = get("/admin/v1/requests/" + id, ADMIN);
    assertThat(row.status()).as("%s", row).isEqualTo(200);
    assertThat(row.json().get("request_id").asText()).isEqualTo(id);
    assertThat(row.json().get("path").asText()).isEqualTo(PublicApi.ACCOUNT_PATH);
  }

  @Test
  void adminApi_answersAndRefusals() {
    assertThat(idOf(get("/admin/v1/accounts", ADMIN), 200)).isNotNull();
    jsonWithId(get("/admin/v1/accounts", "Bearer wrong"), 401);
    jsonWithId(get("/admin/v1/accounts/no-such-account", ADMIN), 404);
    jsonWithId(send("POST", "/admin/v1/accounts", ADMIN, "{not json"), 400);
  }

  @Test
  void docsHealthAndMetrics() {
    idOf(get("/openapi.json", null), 200);
    idOf(get("/docs", null), 200);
    jsonWithId(get("/docs/swagger-ui/nothing.js", null), 404);
    idOf(get("/health/live", null), 200);
    jsonWithId(get("/health/ready", null), 200);
    idOf(get("/metrics", null), 200);
  }

  @Test
  void consolePagesShowTheirId_andItsFilesCarryOne() {
    Answer page = get("/console/login", null);
    String id = idOf(page, 200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains(id);
    Answer missing = get("/console/no-such-page", null);
    assertThat(missing.body()).contains(idOf(missing, 404));
    idOf(get("/console/static/console.css", null), 200);
  }

  @Test
  void unknownPathsAndMethods() {
    jsonWithId(get("/no/such/path", null), 404);
    jsonWithId(send("POST", PublicApi.NOTES_PATH, "Bearer " + key, "{}"), 405);
  }

  @Test
  void requestsRefusedBeforeOrWhileRouting() {
    // Headers past the limit: refused before any route runs.
    jsonWithId(
        RawHttp.exchange(
            gw.gateway().port(),
            "GET /openapi/v1/account HTTP/1.1\r\nHost: x\r\nX-Padding: "
                + "p".repeat(20 * 1024)
                + "\r\nConnection: close\r\n\r\n"),
        431);
    // A body past the limit: refused when the admin route reads it.
    jsonWithId(
        RawHttp.exchange(
            gw.gateway().port(),
            "POST /admin/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n"),
        413);
  }

  /** The answer's single X-Request-Id, a UUID v4 not seen before in this test; checks status. */
  private String idOf(Answer a, int status) {
    assertThat(a.status()).as("%s", a).isEqualTo(status);
    List<String> ids = a.all("X-Request-Id");
    assertThat(ids).as("%s", a).hasSize(1);
    String id = ids.get(0);
    assertThat(id).matches(UUID_V4);
    assertThat(seen.add(id)).as("a fresh id per request: %s", id).isTrue();
    return id;
  }

  /** Checks {@link #idOf} and that the JSON body's {@code request_id} is the same id. */
  private String jsonWithId(Answer a, int status) {
    String id = idOf(a, status);
    assertThat(a.header("Content-Type")).as("%s", a).startsWith("application/json");
    JsonNode body = a.json();
    assertThat(body.path("request_id").asText()).as("%s", a).isEqualTo(id);
    return id;
  }

  private Answer get(String path, String authorization) {
    return send("GET", path, authorization, null);
  }

  private Answer send(String method, String path, String authorization, String body) {
    StringBuilder request =
        new StringBuilder(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    if (authorization != null) {
      request.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (body != null) {
      request
          .append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.length())
          .append("\r\n");
    }
    request.append("\r\n");
    if (body != null) {
      request.append(body);
    }
    return RawHttp.exchange(gw.gateway().port(), request.toString());
  }
}
