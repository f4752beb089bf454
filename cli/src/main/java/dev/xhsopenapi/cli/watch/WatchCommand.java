package dev.xhsopenapi.cli.watch;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xhs-openapi watch}: creator watches through the public API. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Manages creator watches: the gateway polls a creator's notes on a schedule and records a"
          + " note.created event for each new note, which it pushes to the watch's webhook URL"
          + " (signed with the watch's secret) and keeps for 'watch events'.",
      "Every command takes --base-url and --key (or env XHS_OPENAPI_KEY). The calls are free;"
          + " each poll costs what its notes pages cost."
    },
    subcommands = {
      AddCommand.class,
      ListCommand.class,
      RmCommand.class,
      RollSecretCommand.class,
      PollCommand.class,
      EventsCommand.class
    })
public final class WatchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
