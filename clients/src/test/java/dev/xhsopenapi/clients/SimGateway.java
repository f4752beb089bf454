package dev.xhsopenapi.clients;

import dev.xhsopenapi.client.generated.ApiClient;
import dev.xhsopenapi.client.generated.ApiException;
import dev.xhsopenapi.client.generated.api.AdminApi;
import dev.xhsopenapi.client.generated.model.CreateAccount;
import dev.xhsopenapi.client.generated.model.CreateKey;
import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.app.Providers;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real gateway on a free loopback port, over a fresh store in a temporary folder and the built-in
 * simulator (dataset seed 1), with clients of the generated Java client configured for it.
 */
final class SimGateway implements AutoCloseable {
  /** The operator's admin token of every gateway this class starts. */
  static final String ADMIN_TOKEN = "generated-clients-admin-token";

  private final GatewayConfig config;
  private final Gateway gateway;

  private SimGateway(GatewayConfig config, Gateway gateway) {
    this.config = config;
    this.gateway = gateway;
  }

  /**
   * Starts a gateway whose store lives in {@code dataDir}.
   *
   * @throws IllegalArgumentException when the configuration is refused
   */
  static SimGateway start(Path dataDir) {
    GatewayConfig config =
        ConfigLoader.load(
            Map.of(
                "port",
                "0",
                "data",
                dataDir.toString(),
                "admin-token",
                ADMIN_TOKEN,
                "upstream.chain",
                "sim"),
            Map.of(),
            null);
    Clock clock = Clock.systemUTC();
    return new SimGateway(config, Gateway.start(config, clock, Providers.chain(config, clock)));
  }

  /** {@code http://127.0.0.1:<port>}, what a generated client takes as its base URI. */
  String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** The simulated user the demo suggests, with the number of notes the simulator holds. */
  Providers.SampleUser sampleUser() {
    return Providers.sampleUser(config);
  }

  /**
   * A generated client that sends {@code Authorization: Bearer <token>} on every request (the
   * {@code native} library leaves authentication to a request interceptor).
   */
  ApiClient client(String bearerToken) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUrl());
    client.setConnectTimeout(Duration.ofSeconds(5));
    client.setReadTimeout(Duration.ofSeconds(30));
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + bearerToken));
    return client;
  }

  /** A generated client with the operator's admin token. */
  ApiClient adminClient() {
    return client(ADMIN_TOKEN);
  }

  /**
   * Opens an account with {@code credits} and a limit of 10,000 calls a minute, through the
   * generated admin client, and issues it a key.
   *
   * @throws ApiException when the admin API refuses
   */
  Customer newCustomer(String name, long credits) throws ApiException {
    AdminApi admin = new AdminApi(adminClient());
    String accountId =
        admin
            .createAccount(
                new CreateAccount().name(name).credits(credits).rateLimitPerMinute(10_000))
            .getAccountId();
    String key = admin.createKey(accountId, new CreateKey().name(name)).getKey();
    return new Customer(accountId, key);
  }

  @Override
  public void close() {
    gateway.close();
  }

  /**
   * An account and its API key.
   *
   * @param accountId {@code acc_…}
   * @param key {@code sk_live_…}, shown once by the admin API
   */
  record Customer(String accountId, String key) {}
}
