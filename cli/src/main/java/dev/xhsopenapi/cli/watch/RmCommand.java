package dev.xhsopenapi.cli.watch;

import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.Watches;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xhs-openapi watch rm}: deletes a watch. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = "Deletes a watch (DELETE /openapi/v1/watches/{id}): it is polled no more.",
    footer = {
      "%nExit status: 0 done; 2 usage error (an id without wch_); 3 key refused or account"
          + " suspended (401/403); 4 no such watch in this account (404); 5 server errors after"
          + " retries (5xx, network); 130 interrupted.%n"
    })
final class RmCommand extends WatchAction {
  @Parameters(paramLabel = "WATCH_ID", description = "The watch, wch_….")
  String watchId;

  @Override
  int run(Watches watches, PrintWriter out, PrintWriter err) {
    watches.delete(watchId);
    out.println("deleted " + watchId);
    return ExitCodes.OK;
  }
}
