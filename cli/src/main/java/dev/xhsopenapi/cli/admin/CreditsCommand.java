package dev.xhsopenapi.cli.admin;

import dev.xhsopenapi.cli.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code admin credits …}: top up (or take back) an account's credits. */
@Command(
    name = "credits",
    mixinStandardHelpOptions = true,
    description = "Change an account's credits.",
    subcommands = {CreditsCommand.Add.class})
final class CreditsCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code admin credits add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add credits to an account (a negative AMOUNT removes them).")
  static final class Add extends AdminAction {
    @Parameters(index = "0", paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "Credits, not 0.")
    long amount;

    @Option(names = "--reason", paramLabel = "R", description = "Why, for the ledger.")
    String reason;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("amount", amount);
      if (reason != null) {
        body.put("reason", reason);
      }
      return client.send("POST", "/admin/v1/accounts/" + segment(accountId) + "/credits", body);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), List.of("balance")));
    }
  }
}
