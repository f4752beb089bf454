package dev.xhsopenapi.clients;

import dev.xhsopenapi.client.generated.ApiClient;
import dev.xhsopenapi.client.generated.ApiException;
import dev.xhsopenapi.client.generated.api.AdminApi;
import dev.xhsopenapi.client.generated.model.CreateAccount;
import dev.xhsopenapi.client.generated.model.CreateKey;
import dev.xhsopenapi.server.testing.GatewayExtension;
import java.time.Duration;

/** Clients of the generated Java client configured for a test gateway. */
final class JavaClients {
  private JavaClients() {}

  /**
   * A generated client for {@code gw} that sends {@code Authorization: Bearer <token>} on every
   * request (the {@code native} library leaves authentication to a request interceptor).
   */
  static ApiClient client(GatewayExtension gw, String bearerToken) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(gw.baseUrl());
    client.setConnectTimeout(Duration.ofSeconds(5));
    client.setReadTimeout(Duration.ofSeconds(30));
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + bearerToken));
    return client;
  }

  /**
   * Opens an account with {@code credits} and a limit of 10,000 calls a minute, through the
   * generated admin client, and issues it a key.
   *
   * @throws ApiException when the admin API refuses
   */
  static Customer newCustomer(GatewayExtension gw, String name, long credits) throws ApiException {
    AdminApi admin = new AdminApi(client(gw, gw.adminToken()));
    String accountId =
        admin
            .createAccount(
                new CreateAccount().name(name).credits(credits).rateLimitPerMinute(10_000))
            .getAccountId();
    String key = admin.createKey(accountId, new CreateKey().name(name)).getKey();
    return new Customer(accountId, key);
  }

  /**
   * An account and its API key.
   *
   * @param accountId {@code acc_…}
   * @param key {@code sk_live_…}, shown once by the admin API
   */
  record Customer(String accountId, String key) {}
}
