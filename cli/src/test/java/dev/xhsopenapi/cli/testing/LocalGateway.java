package dev.xhsopenapi.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.app.Providers;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real gateway on a free port over a temporary store and the simulator, with admin helpers. */
public final class LocalGateway implements AutoCloseable {
  /** The admin token of every test gateway. */
  public static final String ADMIN_TOKEN = "cli-test-admin-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Gateway gateway;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private LocalGateway(Gateway gateway) {
    this.gateway = gateway;
  }

  /** Starts a gateway over the in-process simulator; {@code settings} override the defaults. */
  public static LocalGateway start(Path dataDir, Clock clock, Map<String, String> settings) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("port", "0");
    flags.put("data", dataDir.toString());
    flags.put("admin-token", ADMIN_TOKEN);
    flags.put("upstream.chain", "sim");
    flags.putAll(settings);
    GatewayConfig config = ConfigLoader.load(flags, Map.of(), null);
    return new LocalGateway(Gateway.start(config, clock, Providers.chain(config, clock)));
  }

  /** Starts a gateway on the system clock. */
  public static LocalGateway start(Path dataDir, Map<String, String> settings) {
    return start(dataDir, Clock.systemUTC(), settings);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** An admin call; throws unless it answers 2xx. */
  public JsonNode admin(String method, String path, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .header("Authorization", "Bearer " + ADMIN_TOKEN)
              .header("Content-Type", "application/json")
              .build();
      HttpResponse<String> r =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " -> " + r.statusCode() + " " + r.body());
      }
      return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET with a key; returns the status. */
  public int get(String path, String key) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .header("Authorization", "Bearer " + key)
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates an account; returns its id. */
  public String createAccount(String name, long credits, int ratePerMinute) {
    return admin(
            "POST",
            "/admin/v1/accounts",
            Map.of("name", name, "credits", credits, "rate_limit_per_minute", ratePerMinute))
        .get("account_id")
        .asText();
  }

  /** Issues a key; returns it. */
  public String createKey(String accountId) {
    return admin("POST", "/admin/v1/accounts/" + accountId + "/keys", Map.of("name", "test"))
        .get("key")
        .asText();
  }

  /** The account's balance. */
  public long balance(String accountId) {
    return admin("GET", "/admin/v1/accounts/" + accountId, null).get("balance").asLong();
  }

  /** Today's calls of the account by HTTP status, as the request log has them. */
  public JsonNode callsByStatus(String accountId) {
    return admin("GET", "/admin/v1/accounts/" + accountId + "/usage", null).get("by_status");
  }

  @Override
  public void close() {
    gateway.close();
  }
}
