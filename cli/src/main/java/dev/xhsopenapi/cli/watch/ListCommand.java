package dev.xhsopenapi.cli.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.Watch;
import dev.xhsopenapi.sdk.Watches;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xhs-openapi watch list}: the account's watches as a table. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the account's watches (GET /openapi/v1/watches), oldest first: id, user, status"
          + " (active, or paused after polls failed in a row: 'watch poll' resumes it), interval,"
          + " last poll, notes seen and URL ('-' when events are only pulled)."
    },
    footer = {
      "%nExit status: 0 done; 3 key refused or account suspended (401/403); 5 server errors"
          + " after retries (5xx, network); 130 interrupted.%n"
    })
final class ListCommand extends WatchAction {
  @Option(names = "--json", description = "Print the watches as one JSON array.")
  boolean json;

  @Override
  int run(Watches watches, PrintWriter out, PrintWriter err) throws IOException {
    List<Watch> all = watches.list();
    if (json) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      all.forEach(w -> array.add(w.raw()));
      out.println(WatchText.json(array));
      return ExitCodes.OK;
    }
    if (all.isEmpty()) {
      err.println(name() + ": no watches yet; create one with 'watch add USER_ID'");
      return ExitCodes.OK;
    }
    out.print(WatchText.table(all));
    return ExitCodes.OK;
  }
}
