package dev.xhsopenapi.server.api;

import static dev.xhsopenapi.server.api.HttpRefusalsTest.assertEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.RawHttp;
import dev.xhsopenapi.server.testing.RawHttp.Answer;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the gateway's own store cannot be reached, every API surface answers 503 {@code
 * service_unavailable} in the error envelope: the public API, the admin API, and routes without
 * their own handling, all in the same words (one error mapping serves them all). Closing the store
 * under a running node stands in for the outage.
 */
class StoreOutageTest {
  @TempDir Path dir;
  private TestGateway gw;
  private String account;
  private String key;
  private String keyId;

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, Clock.systemUTC(), Map.of());
    account = gw.createAccount("outage", 100, 300);
    key = gw.createKey(account);
    keyId =
        gw.admin("GET", "/admin/v1/accounts/" + account, null).json().at("/keys/0/key_id").asText();
    gw.gateway().database().close();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void publicApi_is503() {
    String user = SimDataset.generate(1).users().get(0).userId();
    assertEnvelope(
        get(PublicApi.NOTES_PATH + "?user_id=" + user + "&cursor=", "Bearer " + key),
        503,
        "service_unavailable");
    assertEnvelope(get(PublicApi.ACCOUNT_PATH, "Bearer " + key), 503, "service_unavailable");
  }

  @Test
  void adminApi_is503_onReadsAndWrites() {
    String admin = "Bearer " + TestGateway.ADMIN_TOKEN;
    assertEnvelope(get("/admin/v1/accounts", admin), 503, "service_unavailable");
    assertEnvelope(get("/admin/v1/accounts/" + account, admin), 503, "service_unavailable");
    assertEnvelope(
        get("/admin/v1/accounts/" + account + "/usage", admin), 503, "service_unavailable");
    assertEnvelope(
        send("POST", "/admin/v1/accounts", admin, "{\"name\":\"new\"}"),
        503,
        "service_unavailable");
    assertEnvelope(
        send("POST", "/admin/v1/accounts/" + account + "/credits", admin, "{\"amount\":5}"),
        503,
        "service_unavailable");
    assertEnvelope(
        send("POST", "/admin/v1/accounts/" + account + "/keys", admin, "{}"),
        503,
        "service_unavailable");
    assertEnvelope(
        send("PATCH", "/admin/v1/accounts/" + account, admin, "{\"status\":\"suspended\"}"),
        503,
        "service_unavailable");
    assertEnvelope(
        send("DELETE", "/admin/v1/keys/" + keyId, admin, null), 503, "service_unavailable");
  }

  @Test
  void publicAndAdmin_answerTheSameOutageInTheSameWords() {
    Answer publicAnswer = get(PublicApi.ACCOUNT_PATH, "Bearer " + key);
    Answer adminAnswer = get("/admin/v1/accounts/" + account, "Bearer " + TestGateway.ADMIN_TOKEN);
    assertEnvelope(publicAnswer, 503, "service_unavailable");
    assertEnvelope(adminAnswer, 503, "service_unavailable");
    JsonNode publicBody = publicAnswer.json();
    JsonNode adminBody = adminAnswer.json();
    assertThat(adminBody.get("error")).isEqualTo(publicBody.get("error"));
    assertThat(adminBody.get("message")).isEqualTo(publicBody.get("message"));
    assertThat(publicBody.get("message").asText()).contains("store is unavailable");
    // Each answer has its own id, the same in its header and its body.
    assertThat(publicAnswer.header("X-Request-Id"))
        .isEqualTo(publicBody.get("request_id").asText());
    assertThat(adminAnswer.header("X-Request-Id")).isEqualTo(adminBody.get("request_id").asText());
    assertThat(publicBody.get("request_id")).isNotEqualTo(adminBody.get("request_id"));
  }

  @Test
  void adminApi_stillRefusesAWrongTokenFirst() {
    assertEnvelope(get("/admin/v1/accounts", "Bearer wrong"), 401, "invalid_admin_token");
  }

  private Answer get(String path, String authorization) {
    return send("GET", path, authorization, null);
  }

  private Answer send(String method, String path, String authorization, String body) {
    StringBuilder request =
        new StringBuilder(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: ")
            .append(authorization)
            .append("\r\n");
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
