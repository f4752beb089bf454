package dev.xhsopenapi.cli.users;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xhs-openapi users}: finds Xiaohongshu users through the public API. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Finds Xiaohongshu users through a gateway's public API.",
    subcommands = {SearchCommand.class})
public final class UsersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
