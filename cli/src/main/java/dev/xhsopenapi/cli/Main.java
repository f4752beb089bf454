package dev.xhsopenapi.cli;

import dev.xhsopenapi.cli.admin.AdminCommand;
import dev.xhsopenapi.cli.notes.NotesCommand;
import dev.xhsopenapi.cli.users.UsersCommand;
import dev.xhsopenapi.cli.watch.WatchCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code xhs-openapi} command: the gateway, the simulator, and the tools around them. */
@Command(
    name = "xhs-openapi",
    mixinStandardHelpOptions = true,
    version = "xhs-openapi 0.1.0",
    description = "Self-hosted, SpiderHubs-compatible OpenAPI for Xiaohongshu data.",
    subcommands = {
      ServeCommand.class,
      SimCommand.class,
      NotesCommand.class,
      UsersCommand.class,
      WatchCommand.class,
      CallCommand.class,
      UsageCommand.class,
      AdminCommand.class,
      BackupCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // Helidon logs through java.util.logging; route it to the same log as everything else.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
