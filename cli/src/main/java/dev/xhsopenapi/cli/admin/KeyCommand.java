package dev.xhsopenapi.cli.admin;

import dev.xhsopenapi.cli.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code admin key …}: issue and revoke API keys. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Issue or revoke an API key.",
    subcommands = {KeyCommand.Create.class, KeyCommand.Revoke.class})
final class KeyCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code admin key create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Issue a key for an account. The key is shown this once only.")
  static final class Create extends AdminAction {
    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Option(names = "--name", paramLabel = "N", description = "A name to recognise the key by.")
    String name;

    @Option(
        names = "--expires-at",
        paramLabel = "ISO",
        description = "When the key stops working, e.g. 2027-01-01T00:00:00Z.")
    String expiresAt;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      Map<String, Object> body = new LinkedHashMap<>();
      if (name != null) {
        body.put("name", name);
      }
      if (expiresAt != null) {
        try {
          body.put("expires_at", Instant.parse(expiresAt).toString());
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "--expires-at must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, got '"
                  + expiresAt
                  + "'",
              e);
        }
      }
      return client.send("POST", "/admin/v1/accounts/" + segment(accountId) + "/keys", body);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), List.of("key_id", "key", "prefix")));
      out.println();
      out.println("Keep the key now: it is not shown again.");
    }
  }

  /** {@code admin key revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a key: it fails with 401 from then on.")
  static final class Revoke extends AdminAction {
    @Parameters(paramLabel = "KEY_ID", description = "The key.")
    String keyId;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      return client.send("DELETE", "/admin/v1/keys/" + segment(keyId), null);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.println("revoked " + keyId);
    }
  }
}
