package dev.xhsopenapi.cli.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.cli.Table;
import dev.xhsopenapi.sdk.CreatedWatch;
import dev.xhsopenapi.sdk.NewWatch;
import dev.xhsopenapi.sdk.Watches;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xhs-openapi watch add}: creates a watch and prints it with its secret. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates a watch of a creator (POST /openapi/v1/watches) and prints it with the secret"
          + " that signs its webhooks. The secret is shown only once: keep it where the webhook"
          + " receiver can read it.",
      "Without --url the events are only pulled ('watch events')."
    },
    footer = {
      "%nExit status: 0 done; 2 usage error (a bad user id, URL, interval or page count, or the"
          + " gateway's 400); 3 key refused or account suspended (401/403); 5 server errors after"
          + " retries (5xx, network); 130 interrupted.%n"
    })
final class AddCommand extends WatchAction {
  @Parameters(
      paramLabel = "USER_ID",
      description =
          "The creator: the 24-character user id or the profile link"
              + " (https://www.xiaohongshu.com/user/profile/…).")
  String userId;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Push each event here: an absolute http(s) URL (default: none, pull only).")
  String url;

  @Option(
      names = "--interval-s",
      paramLabel = "N",
      description = "Seconds between polls, 60 to 604800 (default: the gateway's).")
  Long intervalS;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Pages of notes a poll reads at most, 1 to 50 (default: the gateway's).")
  Integer maxPages;

  @Option(
      names = "--emit-existing",
      description = "Send the notes already there at the first poll as events too.")
  boolean emitExisting;

  @Option(names = "--json", description = "Print the watch and its secret as one JSON object.")
  boolean json;

  @Override
  int run(Watches watches, PrintWriter out, PrintWriter err) throws IOException {
    NewWatch.Builder b = NewWatch.builder(userId).url(url).emitExisting(emitExisting);
    if (intervalS != null) {
      b.interval(Duration.ofSeconds(intervalS));
    }
    if (maxPages != null) {
      b.maxPagesPerPoll(maxPages);
    }
    CreatedWatch created = watches.create(b.build());
    ObjectNode all = created.watch().raw().deepCopy();
    all.put("secret", created.secret());
    if (json) {
      out.println(WatchText.json(all));
      return ExitCodes.OK;
    }
    List<String> fields = new ArrayList<>(WatchText.FIELDS);
    fields.add("secret");
    out.print(Table.fields(all, fields));
    out.println();
    out.println(
        "Keep the secret now: it is shown only once. The webhook receiver verifies each delivery"
            + " with it (XHS-Openapi-Signature; Webhooks.verify in the Java SDK).");
    return ExitCodes.OK;
  }
}
