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

/** {@code admin key …}: issue, roll and revoke API keys. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Issue, roll or revoke an API key.",
    subcommands = {KeyCommand.Create.class, KeyCommand.Roll.class, KeyCommand.Revoke.class})
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

    @picocli.CommandLine.Mixin Rules rules = new Rules();

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      Map<String, Object> body = new LinkedHashMap<>();
      if (name != null) {
        body.put("name", name);
      }
      rules.addTo(body);
      return client.send("POST", "/admin/v1/accounts/" + segment(accountId) + "/keys", body);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), List.of("key_id", "key", "prefix")));
      out.println();
      out.println("Keep the key now: it is not shown again.");
    }
  }

  /** {@code admin key roll}. */
  @Command(
      name = "roll",
      mixinStandardHelpOptions = true,
      description =
          "Issue a key's replacement (shown this once only); the old key keeps working for"
              + " --expire-old-in seconds, then fails with 401. Rules not given are the old key's.")
  static final class Roll extends AdminAction {
    @Parameters(paramLabel = "KEY_ID", description = "The key to replace.")
    String keyId;

    @Option(
        names = "--expire-old-in",
        paramLabel = "S",
        defaultValue = "0",
        description = "Seconds the old key keeps working, 0 to 604800 (default: ${DEFAULT-VALUE}).")
    long expireOldIn;

    @Option(names = "--name", paramLabel = "N", description = "A name for the new key.")
    String name;

    @picocli.CommandLine.Mixin Rules rules = new Rules();

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("expire_old_in_s", expireOldIn);
      if (name != null) {
        body.put("name", name);
      }
      rules.addTo(body);
      return client.send("POST", "/admin/v1/keys/" + segment(keyId) + "/roll", body);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(
          Table.fields(reply.json(), List.of("key_id", "key", "prefix", "old_key_expires_at")));
      out.println();
      out.println("Keep the key now: it is not shown again.");
    }
  }

  /** The rules a new or rolled key may be given. */
  static final class Rules {
    @Option(
        names = "--expires-at",
        paramLabel = "ISO",
        description = "When the key stops working, e.g. 2027-01-01T00:00:00Z.")
    String expiresAt;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        description =
            "An endpoint (operation id such as xhs-get-user-notes), mcp or watches the key may"
                + " use; repeat for several. Default: all.")
    List<String> scopes;

    @Option(
        names = "--rate-limit",
        paramLabel = "N",
        description = "The key's own calls per minute, inside its account's limit.")
    Long rateLimitPerMinute;

    @Option(
        names = "--daily-cap",
        paramLabel = "CREDITS",
        description = "The credits the key may spend per UTC day.")
    Long dailyCreditCap;

    void addTo(Map<String, Object> body) {
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
      if (scopes != null) {
        body.put("scopes", scopes);
      }
      if (rateLimitPerMinute != null) {
        body.put("rate_limit_per_minute", rateLimitPerMinute);
      }
      if (dailyCreditCap != null) {
        body.put("daily_credit_cap", dailyCreditCap);
      }
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
