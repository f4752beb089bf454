package dev.xhsopenapi.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.Usage;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xhs-openapi usage}: the calling key's account usage by UTC day, endpoint and key ({@code
 * GET /openapi/v1/usage}), as a table or, with {@code --csv}, the server's CSV export as sent. The
 * operator's view of any account is {@code admin usage}.
 */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "Your account's calls and credits charged per UTC day, endpoint and key. Free of charge.",
      "Example: usage --from 2026-11-01 --to 2026-11-30 --csv > november.csv"
    },
    footer = {
      "%nExit status: 0 done; 2 usage error (a day not written YYYY-MM-DD, or a range the"
          + " gateway refuses: 'to' before 'from', more than 92 days); 3 key refused or suspended"
          + " (401/403); 5 server errors after retries (5xx, network); 130 interrupted.%n"
    })
public final class UsageCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ApiOptions api;

  @Option(
      names = "--from",
      paramLabel = "D",
      description = "First UTC day, YYYY-MM-DD (default: today).")
  private String from;

  @Option(
      names = "--to",
      paramLabel = "D",
      description = "Last UTC day, YYYY-MM-DD (default: today).")
  private String to;

  @Option(
      names = "--csv",
      description = "Print the CSV export (day,endpoint,key_id,calls,charged) instead of a table.")
  private boolean csv;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalDate first;
    LocalDate last;
    try {
      first = day(from, "--from");
      last = day(to, "--to");
    } catch (IllegalArgumentException e) {
      err.println("usage: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    try (XhsOpenApiClient client = api.client(spec, EventListener.NONE)) {
      if (csv) {
        out.print(client.usageCsv(first, last));
      } else {
        print(client.usage(first, last), out);
      }
      out.flush();
      return ExitCodes.OK;
    } catch (XhsOpenApiException e) {
      err.println("usage: " + ExitCodes.describe(e));
      err.flush();
      return ExitCodes.of(e);
    }
  }

  private static void print(Usage usage, PrintWriter out) {
    ObjectNode totals =
        JsonNodeFactory.instance
            .objectNode()
            .put("from", usage.from().toString())
            .put("to", usage.to().toString())
            .put("calls", usage.calls())
            .put("charged", usage.charged());
    out.print(Table.fields(totals, List.of("from", "to", "calls", "charged")));
    out.println();
    if (usage.rows().isEmpty()) {
      out.println("no calls");
      return;
    }
    Table rows = new Table(List.of("DAY", "ENDPOINT", "KEY_ID", "CALLS", "CHARGED"));
    for (Usage.Row r : usage.rows()) {
      rows.row(
          List.of(
              r.day().toString(),
              r.endpoint(),
              r.keyId().orElse("-"),
              Long.toString(r.calls()),
              Long.toString(r.charged())));
    }
    out.print(rows);
  }

  /** {@code value} as a day, or null (today, as the server defaults) when not given. */
  private static LocalDate day(String value, String option) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a UTC day as YYYY-MM-DD, got '" + value + "'", e);
    }
  }
}
