package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestGateway;
import java.util.Map;

/** Sets up console users the way an operator and a customer do: invitation, then password. */
final class Customers {
  static final String PASSWORD = "correct horse battery";

  private Customers() {}

  /** Invites {@code email} to the account through the admin API; returns the link's path. */
  static String invite(TestGateway gw, String accountId, String email) {
    TestGateway.Reply r =
        gw.admin("POST", "/admin/v1/accounts/" + accountId + "/users", Map.of("email", email));
    assertThat(r.status()).as("%s", r).isIn(200, 201);
    return r.json().get("login_path").asText();
  }

  /** A client signed in as a new user of the account, with {@link #PASSWORD}. */
  static ConsoleClient signedUp(TestGateway gw, String accountId, String email) {
    ConsoleClient client = new ConsoleClient(gw.baseUrl());
    String link = invite(gw, accountId, email);
    ConsoleClient.Page set =
        client.submit(
            link,
            "/console/welcome",
            Map.of(
                "token",
                link.substring(link.indexOf("token=") + 6),
                "password",
                PASSWORD,
                "confirm",
                PASSWORD));
    assertThat(set.status()).as("%s", set.body()).isEqualTo(303);
    return client;
  }

  /** Creates a key in the console; returns the key shown once. */
  static String createKey(ConsoleClient client, String name) {
    ConsoleClient.Page created =
        client.submit("/console/keys", "/console/keys", Map.of("name", name));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.find("id=\"new-key\">(sk_live_[0-9A-Za-z]{32})<");
  }
}
