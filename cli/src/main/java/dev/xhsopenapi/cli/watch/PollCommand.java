package dev.xhsopenapi.cli.watch;

import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.Watch;
import dev.xhsopenapi.sdk.Watches;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code xhs-openapi watch poll}: asks for a poll now, and with {@code --wait} waits for it. */
@Command(
    name = "poll",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Asks the gateway to poll a watch now (POST /openapi/v1/watches/{id}/poll); a paused watch"
          + " becomes active again. Prints the watch as the gateway left it.",
      "With --wait, reads the watch again every 2 s until its last_poll_at changes (the poll"
          + " ended), then prints it."
    },
    footer = {
      "%nExit status: 0 done (with --wait: the poll ended without an error); 2 usage error (an id"
          + " without wch_); 3 key refused or account suspended (401/403); 4 no such watch in this"
          + " account (404); 5 server errors after retries (5xx, network), or with --wait: the poll"
          + " ended with an error (last_error) or did not end within --timeout-s; 130"
          + " interrupted.%n"
    })
final class PollCommand extends WatchAction {
  /** How long to wait between two reads of the watch. */
  static final Duration EVERY = Duration.ofSeconds(2);

  @Parameters(paramLabel = "WATCH_ID", description = "The watch, wch_….")
  String watchId;

  @Option(names = "--wait", description = "Wait until the poll has ended, then print the watch.")
  boolean await;

  @Option(
      names = "--timeout-s",
      paramLabel = "N",
      description = "With --wait: give up after N seconds (default: 60).")
  Integer timeoutS;

  @Override
  int run(Watches watches, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    if (timeoutS != null && !await) {
      throw new ParameterException(spec.commandLine(), "--timeout-s needs --wait");
    }
    if (timeoutS != null && timeoutS < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout-s must be 1 or more");
    }
    Watch due = watches.pollNow(watchId);
    if (!await) {
      out.print(WatchText.fields(due.raw()));
      return ExitCodes.OK;
    }
    Optional<Instant> before = due.lastPollAt();
    long deadline =
        System.nanoTime() + Duration.ofSeconds(timeoutS == null ? 60 : timeoutS).toNanos();
    while (true) {
      Watch now = watches.get(watchId);
      if (!Objects.equals(now.lastPollAt(), before)) {
        out.print(WatchText.fields(now.raw()));
        if (now.lastError().isPresent()) {
          err.println(name() + ": the poll ended with an error: " + now.lastError().get());
          return ExitCodes.SERVER;
        }
        return ExitCodes.OK;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        err.println(
            name()
                + ": the poll did not end within "
                + (timeoutS == null ? 60 : timeoutS)
                + " s (last_poll_at is still "
                + WatchText.instant(before)
                + "); see 'watch list' later");
        return ExitCodes.SERVER;
      }
      Thread.sleep(Math.min(EVERY.toMillis(), Math.max(1, left / 1_000_000)));
    }
  }
}
