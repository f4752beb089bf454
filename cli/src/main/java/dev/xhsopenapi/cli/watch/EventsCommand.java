package dev.xhsopenapi.cli.watch;

import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.EventsPage;
import dev.xhsopenapi.sdk.WatchEvent;
import dev.xhsopenapi.sdk.Watches;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code xhs-openapi watch events}: a watch's events as JSON lines, and with --follow new ones. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a watch's events (GET /openapi/v1/watches/{id}/events), oldest first, one JSON"
          + " object per line (jsonl) as the gateway sent it: event_id, type (note.created,"
          + " watch.failed), watch_id, user_id, created_at, data (the note) and delivery.",
      "Without --follow it prints the events there are and exits; with --follow it then asks"
          + " again every --every-s seconds and prints new events as they come, until Ctrl-C."
    },
    footer = {
      "%nExit status: 0 done; 2 usage error (an id without wch_ or evt_, or an --after that is not"
          + " an event of this watch); 3 key refused or account suspended (401/403); 4 no such"
          + " watch in this account (404); 5 server errors after retries (5xx, network); 130"
          + " interrupted (Ctrl-C, the way --follow ends).%n"
    })
final class EventsCommand extends WatchAction {
  @Parameters(paramLabel = "WATCH_ID", description = "The watch, wch_….")
  String watchId;

  @Option(
      names = "--after",
      paramLabel = "EVT",
      description = "Start after this event, evt_… (default: from the first).")
  String after;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Stop after N events (default: no limit).")
  Integer limit;

  @Option(names = "--follow", description = "Keep asking for new events until Ctrl-C.")
  boolean follow;

  @Option(
      names = "--every-s",
      paramLabel = "N",
      description =
          "With --follow: seconds between two asks once there is nothing new (default: 5).")
  Integer everyS;

  @Override
  int run(Watches watches, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 or more");
    }
    if (everyS != null && !follow) {
      throw new ParameterException(spec.commandLine(), "--every-s needs --follow");
    }
    if (everyS != null && everyS < 1) {
      throw new ParameterException(spec.commandLine(), "--every-s must be 1 or more");
    }
    long pause = 1_000L * (everyS == null ? 5 : everyS);
    String cursor = after;
    long printed = 0;
    boolean told = false;
    while (true) {
      int pageSize =
          limit == null
              ? Watches.MAX_EVENTS_PER_PAGE
              : (int) Math.min(Watches.MAX_EVENTS_PER_PAGE, limit - printed);
      EventsPage page = watches.events(watchId, cursor, pageSize);
      for (WatchEvent event : page.events()) {
        out.println(WatchText.json(event.raw()));
        printed++;
      }
      out.flush();
      if (out.checkError()) {
        throw new IOException("standard output is closed");
      }
      if (limit != null && printed >= limit) {
        return ExitCodes.OK;
      }
      // The next page starts after the last event had; with nothing after it yet, ask again from
      // there later (--follow), or stop.
      cursor = page.next().or(page::lastEventId).orElse(cursor);
      if (page.next().isEmpty()) {
        if (!follow) {
          return ExitCodes.OK;
        }
        if (!told) {
          err.println(
              name() + ": following " + watchId + " every " + pause / 1000 + " s; Ctrl-C to stop");
          err.flush();
          told = true;
        }
        Thread.sleep(pause);
      }
    }
  }
}
