package dev.xhsopenapi.cli.admin;

import dev.xhsopenapi.cli.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code admin user …}: people who sign in to the web console (the account center). */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Let people of an account sign in to the web console (/console).",
    subcommands = {UserCommand.Create.class})
final class UserCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code admin user create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Make EMAIL a console user of an account and print a one-time link through which they"
            + " set a password and sign in. For an existing user of that account it prints a new"
            + " link (e.g. after a forgotten password); their earlier links stop working."
      })
  static final class Create extends AdminAction {
    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Option(
        names = "--email",
        required = true,
        paramLabel = "E",
        description = "The person's email, which they sign in with.")
    String email;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      return client.send(
          "POST", "/admin/v1/accounts/" + segment(accountId) + "/users", Map.of("email", email));
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(
          Table.fields(reply.json(), List.of("user_id", "account_id", "email", "expires_at")));
      out.println();
      // The server does not know the address customers reach it by; the operator's does.
      out.println(
          "link  "
              + baseUrl.strip().replaceAll("/+$", "")
              + reply.json().get("login_path").asText());
      out.println();
      out.println(
          "Send this link to the person: it works once, until expires_at, and lets them set a"
              + " password.");
    }
  }
}
