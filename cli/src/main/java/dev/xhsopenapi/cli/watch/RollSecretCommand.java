package dev.xhsopenapi.cli.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.cli.Table;
import dev.xhsopenapi.sdk.RolledSecret;
import dev.xhsopenapi.sdk.Watches;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xhs-openapi watch roll-secret}: replaces a watch's signing secret and prints the new one.
 */
@Command(
    name = "roll-secret",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replaces the secret that signs a watch's webhooks (POST"
          + " /openapi/v1/watches/{id}/roll_secret), as when it leaked, and prints the new one. The"
          + " watch keeps its events and the notes it has seen. The new secret is shown only once.",
      "With --expire-old-in, deliveries until then carry a second v1 signature made with the old"
          + " secret (XHS-Openapi-Signature: t=…,v1=<new>,v1=<old>), so the receiver can switch"
          + " without refusing any."
    },
    footer = {
      "%nExit status: 0 done; 2 usage error (an id without wch_, seconds outside 0 to 86400, or"
          + " the gateway's 400); 3 key refused or account suspended (401/403); 4 no such watch in"
          + " this account (404); 5 server errors after retries (5xx, network); 130 interrupted.%n"
    })
final class RollSecretCommand extends WatchAction {
  @Parameters(paramLabel = "WATCH_ID", description = "The watch, wch_….")
  String watchId;

  @Option(
      names = "--expire-old-in",
      paramLabel = "SECONDS",
      description =
          "Keep signing with the old secret too for this many seconds, 0 to 86400 (default: 0,"
              + " the old secret stops at once).")
  long expireOldInS;

  @Option(names = "--json", description = "Print the answer as one JSON object.")
  boolean json;

  @Override
  int run(Watches watches, PrintWriter out, PrintWriter err) throws IOException {
    RolledSecret rolled = watches.rollSecret(watchId, Duration.ofSeconds(expireOldInS));
    ObjectNode all = JsonNodeFactory.instance.objectNode();
    all.put("watch_id", rolled.watchId());
    all.put("secret", rolled.secret());
    all.put(
        "old_secret_expires_at", rolled.oldSecretExpiresAt().map(Instant::toString).orElse(null));
    if (json) {
      out.println(WatchText.json(all));
      return ExitCodes.OK;
    }
    out.print(Table.fields(all, List.of("watch_id", "secret", "old_secret_expires_at")));
    out.println();
    out.println(
        "Keep the secret now: it is shown only once. "
            + rolled
                .oldSecretExpiresAt()
                .map(t -> "Deliveries are signed with both secrets until " + t + ", then")
                .orElse("Deliveries are")
            + " signed with the new secret only.");
    return ExitCodes.OK;
  }
}
