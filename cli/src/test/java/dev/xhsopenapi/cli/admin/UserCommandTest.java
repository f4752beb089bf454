package dev.xhsopenapi.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.GatewayExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code admin user create} against a real gateway: the link it prints opens the console. */
class UserCommandTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().withoutAccount().build();

  private Cli.Result admin(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "admin";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--base-url";
    all[args.length + 2] = gw.baseUrl() + "/";
    all[args.length + 3] = "--admin-token";
    all[args.length + 4] = gw.adminToken();
    return Cli.run(all);
  }

  @Test
  void userCreate_printsAOneTimeLinkThatOpensTheSetPasswordPage() throws Exception {
    Cli.Result account = admin("account", "create", "--name", "acme", "--json");
    String accountId = Dataset.read(account.out()).get("account_id").asText();

    Cli.Result created = admin("user", "create", accountId, "--email", "Ops@Acme.io");

    assertThat(created.exit()).as(created.toString()).isZero();
    assertThat(created.out())
        .containsPattern("(?m)^email +ops@acme\\.io$")
        .containsPattern("(?m)^account_id +" + accountId + "$")
        .contains("it works once");
    Matcher link =
        Pattern.compile("(?m)^link  (http://\\S+/console/welcome\\?token=\\w{43})$")
            .matcher(created.out());
    assertThat(link.find()).as(created.out()).isTrue();
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ops@acme.io");

    Cli.Result elsewhere =
        admin(
            "user",
            "create",
            Dataset.read(admin("account", "create", "--name", "b", "--json").out())
                .get("account_id")
                .asText(),
            "--email",
            "ops@acme.io");
    assertThat(elsewhere.exit()).isNotZero();
    assertThat(elsewhere.err()).contains("already signs in to account " + accountId);
  }
}
