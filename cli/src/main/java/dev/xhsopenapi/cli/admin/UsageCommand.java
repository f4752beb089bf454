package dev.xhsopenapi.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code admin usage}: an account's calls and charges by day and by status. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = "An account's calls and charges per UTC day, and its calls by status.")
final class UsageCommand extends AdminAction {
  @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
  String accountId;

  @Option(
      names = "--from",
      paramLabel = "D",
      description = "First UTC day, YYYY-MM-DD (default: today).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "D",
      description = "Last UTC day, YYYY-MM-DD (default: today).")
  String to;

  @Override
  AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    if (from != null) {
      query.add("from=" + day(from, "--from"));
    }
    if (to != null) {
      query.add("to=" + day(to, "--to"));
    }
    return client.send("GET", "/admin/v1/accounts/" + segment(accountId) + "/usage" + query, null);
  }

  @Override
  void print(AdminClient.Reply reply, PrintWriter out) {
    JsonNode usage = reply.json();
    out.print(Table.fields(usage, List.of("calls", "charged")));
    out.println();
    Table days = new Table(List.of("DAY", "CALLS", "CHARGED", "ERRORS"));
    for (JsonNode d : usage.path("by_day")) {
      days.row(
          List.of(
              Table.text(d.get("day")),
              Table.text(d.get("calls")),
              Table.text(d.get("charged")),
              Table.text(d.get("errors"))));
    }
    out.print(days);
    out.println();
    Table statuses = new Table(List.of("STATUS", "CALLS"));
    for (Map.Entry<String, JsonNode> e : usage.path("by_status").properties()) {
      statuses.row(List.of(e.getKey(), Table.text(e.getValue())));
    }
    out.print(statuses);
  }

  private static String day(String value, String option) {
    try {
      return LocalDate.parse(value).toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a UTC day as YYYY-MM-DD, got '" + value + "'", e);
    }
  }
}
