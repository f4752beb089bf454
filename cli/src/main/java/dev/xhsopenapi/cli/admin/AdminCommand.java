package dev.xhsopenapi.cli.admin;

import dev.xhsopenapi.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xhs-openapi admin}: the operator's commands over the admin API. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = {
      "Operates a gateway through its admin API (/admin/v1): accounts, keys, credits, usage,"
          + " the request log and console users. Every command takes --base-url, --admin-token (or env"
          + " XHS_OPENAPI_ADMIN_TOKEN) and --json (print the server's JSON instead of a table)."
    },
    footer = ExitCodes.HELP,
    subcommands = {
      AccountCommand.class,
      KeyCommand.class,
      CreditsCommand.class,
      UsageCommand.class,
      RequestCommand.class,
      UserCommand.class
    })
public final class AdminCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
