package dev.xhsopenapi.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.docs.OpenApiContract;
import dev.xhsopenapi.upstream.SampleUser;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real gateway on a free port over a temporary store, with an HTTP client and admin helpers. The
 * one way every module's tests start an in-process gateway (the server module publishes it in its
 * test-jar); {@link GatewayExtension} wraps it for JUnit 5. Every answer it receives is checked
 * against the served OpenAPI document.
 */
public final class TestGateway implements AutoCloseable {
  /** The admin token every test gateway uses. */
  public static final String ADMIN_TOKEN = "test-admin-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayConfig config;
  private final Gateway gateway;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestGateway(GatewayConfig config, Gateway gateway) {
    this.config = config;
    this.gateway = gateway;
  }

  /**
   * Starts a gateway over the built-in simulator (seed 1) on the system clock.
   *
   * @param dataDir the store's folder (created if missing)
   * @param settings configuration settings ({@code upstream.sim.latency-ms} → {@code 100}…) that
   *     override the defaults: port 0, {@link #ADMIN_TOKEN}, chain {@code sim}
   * @throws IllegalArgumentException when the configuration is refused
   */
  public static TestGateway start(Path dataDir, Map<String, String> settings) {
    return start(dataDir, Clock.systemUTC(), settings);
  }

  /** Starts a gateway over the built-in simulator (seed 1). */
  public static TestGateway start(Path dataDir, Clock clock, Map<String, String> settings) {
    GatewayConfig config = config(dataDir, settings);
    return new TestGateway(config, Gateway.start(config, clock));
  }

  /** Starts a gateway over the given providers, each behind its circuit breaker. */
  public static TestGateway start(
      Path dataDir, Clock clock, Map<String, String> settings, List<UpstreamProvider> providers) {
    GatewayConfig config = config(dataDir, settings);
    return new TestGateway(config, Gateway.start(config, clock, providers));
  }

  private static GatewayConfig config(Path dataDir, Map<String, String> settings) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("port", "0");
    flags.put("data", dataDir.toString());
    flags.put("admin-token", ADMIN_TOKEN);
    flags.put("upstream.chain", "sim");
    flags.putAll(settings);
    return ConfigLoader.load(flags, Map.of(), null);
  }

  /** The running gateway. */
  public Gateway gateway() {
    return gateway;
  }

  /** The configuration the gateway runs with. */
  public GatewayConfig config() {
    return config;
  }

  /** The simulated user the demo suggests, with the number of notes the simulator holds for it. */
  public SampleUser sampleUser() {
    return Upstream.sampleUser(config.upstreamSettings().sim());
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** GET with the given Authorization header value (null for none). */
  public Reply get(String pathAndQuery, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  /** GET of the notes endpoint with a key. */
  public Reply notes(String key, String userId, String cursor) {
    return get(
        "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id="
            + userId
            + "&cursor="
            + (cursor == null ? "" : cursor),
        "Bearer " + key);
  }

  /** An admin call with the admin token. */
  public Reply admin(String method, String path, Object body) {
    return admin(method, path, body, "Bearer " + ADMIN_TOKEN);
  }

  /** An admin call with the given Authorization header value. */
  public Reply admin(String method, String path, Object body, String authorization) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(
                  body instanceof String s
                      ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                      : JSON.writeValueAsBytes(body));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .method(method, publisher)
              .header("Content-Type", "application/json");
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      return send(b.build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An admin call with the admin token that must succeed.
   *
   * @return the JSON body (a JSON null for an empty one)
   * @throws IllegalStateException when the answer is not 2xx, with its status and body
   */
  public JsonNode adminOk(String method, String path, Object body) {
    Reply r = admin(method, path, body);
    if (r.status() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + r);
    }
    return r.body().isEmpty() ? JSON.nullNode() : r.json();
  }

  /** Creates an account and returns its id. */
  public String createAccount(String name, long credits, int ratePerMinute) {
    Reply r =
        admin(
            "POST",
            "/admin/v1/accounts",
            Map.of("name", name, "credits", credits, "rate_limit_per_minute", ratePerMinute));
    if (r.status() != 201) {
      throw new IllegalStateException("account creation failed: " + r);
    }
    return r.json().get("account_id").asText();
  }

  /** Issues a key for the account and returns it. */
  public String createKey(String accountId) {
    Reply r = admin("POST", "/admin/v1/accounts/" + accountId + "/keys", Map.of("name", "test"));
    if (r.status() != 201) {
      throw new IllegalStateException("key creation failed: " + r);
    }
    return r.json().get("key").asText();
  }

  /** The account's balance as the admin API reports it. */
  public long balance(String accountId) {
    return admin("GET", "/admin/v1/accounts/" + accountId, null).json().get("balance").asLong();
  }

  /**
   * Today's calls of the account by HTTP status, as the request log has them: {@code {"200": n,
   * "429": m, …}}.
   */
  public JsonNode callsByStatus(String accountId) {
    return adminOk("GET", "/admin/v1/accounts/" + accountId + "/usage", null).get("by_status");
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Reply reply =
          new Reply(
              r.statusCode(),
              r.headers().map(),
              new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
      // Every answer a test sees is checked against the served contract, so the docs cannot drift.
      OpenApiContract.shared()
          .check(request.method(), request.uri(), reply.status(), reply.headers(), reply.body());
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    gateway.close();
  }

  /** An HTTP answer. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + text(), e);
      }
    }

    /** The body as text. */
    public String text() {
      return body;
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }
}
