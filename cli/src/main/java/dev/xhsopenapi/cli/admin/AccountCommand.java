package dev.xhsopenapi.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.cli.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code admin account …}: create, list, show, set, suspend and activate accounts, and list an
 * account's webhook events.
 */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description =
        "Create, list, show, set, suspend or activate accounts; list an account's webhook events.",
    subcommands = {
      AccountCommand.Create.class,
      AccountCommand.ListAccounts.class,
      AccountCommand.Show.class,
      AccountCommand.Set.class,
      AccountCommand.Suspend.class,
      AccountCommand.Activate.class,
      AccountCommand.Events.class
    })
final class AccountCommand implements Runnable {
  static final List<String> FIELDS =
      List.of("account_id", "name", "balance", "rate_limit_per_minute", "status");

  /** The account's fields with its spending rules, for {@code show} and {@code set}. */
  static final List<String> DETAIL_FIELDS =
      List.of(
          "account_id",
          "name",
          "balance",
          "rate_limit_per_minute",
          "status",
          "daily_credit_cap",
          "low_balance_threshold",
          "webhook_url");

  /** What an option takes to remove a setting, sent as JSON null. */
  static final String NONE = "none";

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code admin account create}. */
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account.")
  static final class Create extends AdminAction {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name.")
    String name;

    @Option(
        names = "--credits",
        paramLabel = "C",
        description = "Credits to start with (default: 0).")
    Long credits;

    @Option(
        names = "--rate-limit",
        paramLabel = "R",
        description = "Requests per minute (default: the server's, normally 300).")
    Integer rateLimit;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      if (credits != null) {
        body.put("credits", credits);
      }
      if (rateLimit != null) {
        body.put("rate_limit_per_minute", rateLimit);
      }
      return client.send("POST", "/admin/v1/accounts", body);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), FIELDS));
    }
  }

  /**
   * {@code admin account list}: every account (or the first {@code --limit}), one row each, in the
   * server's order, fetched page by page ({@code GET /admin/v1/accounts?limit=&after=}) following
   * {@code next} to the end. With {@code --json}, one object {@code {"accounts":[…],"next":…}}
   * whose {@code next} is where a later {@code --after} continues (null when all were listed).
   */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the accounts: id, name, balance, rate limit and status.")
  static final class ListAccounts extends AdminAction {
    static final int MAX_PAGE = 500;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "List at most N accounts (default: all).")
    Integer limit;

    @Option(
        names = "--after",
        paramLabel = "ACCOUNT_ID",
        description = "Start after this account id (the 'next' of an earlier --json listing).")
    String after;

    @Option(
        names = "--page-size",
        paramLabel = "N",
        defaultValue = "" + MAX_PAGE,
        description = "Accounts per request, 1 to " + MAX_PAGE + " (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      if (limit != null && limit < 1) {
        throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
      }
      if (pageSize < 1 || pageSize > MAX_PAGE) {
        throw new IllegalArgumentException(
            "--page-size must be from 1 to " + MAX_PAGE + ", got " + pageSize);
      }
      ArrayNode listed = AdminClient.JSON.createArrayNode();
      String next = after == null || after.isEmpty() ? null : after;
      int status = 200;
      do {
        int want = limit == null ? pageSize : Math.min(pageSize, limit - listed.size());
        String query = "?limit=" + want + (next == null ? "" : "&after=" + param(next));
        AdminClient.Reply page = client.send("GET", "/admin/v1/accounts" + query, null);
        status = page.status();
        JsonNode accounts = page.json() == null ? null : page.json().get("accounts");
        if (accounts == null || !accounts.isArray()) {
          throw new IOException("the server's answer has no accounts list: " + page.body());
        }
        accounts.forEach(listed::add);
        JsonNode nextNode = page.json().get("next");
        next = nextNode == null || nextNode.isNull() ? null : nextNode.asText();
      } while (next != null && (limit == null || listed.size() < limit));
      ObjectNode all = AdminClient.JSON.createObjectNode();
      all.set("accounts", listed);
      all.put("next", next);
      return new AdminClient.Reply(status, all.toString(), all);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      JsonNode accounts = reply.json().path("accounts");
      if (accounts.isEmpty()) {
        out.println("no accounts");
        return;
      }
      Table table = new Table(FIELDS.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
      for (JsonNode account : accounts) {
        List<String> row = new ArrayList<>();
        FIELDS.forEach(c -> row.add(Table.text(account.get(c))));
        table.row(row);
      }
      out.print(table);
      JsonNode next = reply.json().path("next");
      if (!next.isNull() && !next.isMissingNode()) {
        out.println(
            "(more after " + next.asText() + "; continue with --after " + next.asText() + ")");
      }
    }

    private static String param(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /** {@code admin account show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show an account and its keys.")
  static final class Show extends AdminAction {
    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      return client.send("GET", "/admin/v1/accounts/" + segment(accountId), null);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), DETAIL_FIELDS));
      JsonNode keys = reply.json().path("keys");
      out.println();
      if (keys.isEmpty()) {
        out.println("no keys");
        return;
      }
      List<String> columns =
          List.of("key_id", "prefix", "name", "status", "created_at", "expires_at", "last_used_at");
      Table table = new Table(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
      for (JsonNode key : keys) {
        List<String> row = new ArrayList<>();
        columns.forEach(c -> row.add(Table.text(key.get(c))));
        table.row(row);
      }
      out.print(table);
    }
  }

  /**
   * {@code admin account set}: changes an account's spending rules ({@code PATCH
   * /admin/v1/accounts/{id}}). Only the options given are sent; {@code none} sends JSON null, which
   * removes that rule. A new webhook URL gets a new signing secret, which the server shows in this
   * answer only, so it is printed with a warning to keep it.
   */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Set an account's daily credit cap, low-balance threshold and webhook URL; 'none'"
            + " removes one. Takes effect on the next call.",
        "Example: admin account set acc_… --daily-cap 5000 --low-balance-threshold 100"
            + " --webhook-url https://example.com/hooks/xhs"
      })
  static final class Set extends AdminAction {
    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Option(
        names = "--daily-cap",
        paramLabel = "N|none",
        description =
            "Credits the account may be charged per UTC day; past it calls answer 429"
                + " spend_cap_reached.")
    String dailyCap;

    @Option(
        names = "--low-balance-threshold",
        paramLabel = "N|none",
        description =
            "Warn once (account.low_balance webhook) when a charge takes the balance under N.")
    String lowBalanceThreshold;

    @Option(
        names = "--webhook-url",
        paramLabel = "URL|none",
        description = "Where account.low_balance events are posted, signed like watch webhooks.")
    String webhookUrl;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      // A LinkedHashMap because Map.of refuses the nulls that remove a rule.
      Map<String, Object> body = new LinkedHashMap<>();
      if (dailyCap != null) {
        body.put("daily_credit_cap", credits(dailyCap, "--daily-cap"));
      }
      if (lowBalanceThreshold != null) {
        body.put("low_balance_threshold", credits(lowBalanceThreshold, "--low-balance-threshold"));
      }
      if (webhookUrl != null) {
        body.put("webhook_url", NONE.equals(webhookUrl) ? null : webhookUrl);
      }
      if (body.isEmpty()) {
        throw new IllegalArgumentException(
            "give --daily-cap, --low-balance-threshold and/or --webhook-url");
      }
      return client.send("PATCH", "/admin/v1/accounts/" + segment(accountId), body);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), DETAIL_FIELDS));
      JsonNode secret = reply.json().path("webhook_secret");
      if (secret.isTextual()) {
        out.println();
        out.println("webhook_secret  " + secret.asText());
        out.println("(the webhook secret is not shown again: keep it to verify the signatures)");
      }
    }

    /** {@code value} as a whole number of credits of at least 1, or null for {@code none}. */
    private static Long credits(String value, String option) {
      if (NONE.equals(value)) {
        return null;
      }
      try {
        long n = Long.parseLong(value);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // Falls through to the message below, which says what is accepted.
      }
      throw new IllegalArgumentException(
          option
              + " must be a whole number of credits of at least 1, or none; got '"
              + value
              + "'");
    }
  }

  /** {@code admin account suspend}. */
  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      description = "Suspend an account: its keys get 403 account_suspended from the next call.")
  static final class Suspend extends AdminAction {
    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      return client.send(
          "PATCH", "/admin/v1/accounts/" + segment(accountId), Map.of("status", "suspended"));
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), FIELDS));
    }
  }

  /** {@code admin account activate}. */
  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description = "Activate a suspended account again.")
  static final class Activate extends AdminAction {
    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      return client.send(
          "PATCH", "/admin/v1/accounts/" + segment(accountId), Map.of("status", "active"));
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      out.print(Table.fields(reply.json(), FIELDS));
    }
  }

  /**
   * {@code admin account events}: one page of the account's own webhook events ({@code GET
   * /admin/v1/accounts/{id}/events}), oldest first, one row each with how its delivery went: the
   * status, the attempts made and the last attempt's HTTP status (or its error when no answer
   * came). With {@code --json}, the page as the server sent it, every attempt included.
   */
  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description = {
        "List an account's webhook events (account.low_balance), oldest first: id, type, time,"
            + " delivery status (pending, delivered, failed), attempts and the last attempt's"
            + " HTTP status or error. --json adds every attempt's time, node and duration.",
        "Example: admin account events acc_… --limit 50"
      })
  static final class Events extends AdminAction {
    static final List<String> COLUMNS =
        List.of("EVENT_ID", "TYPE", "CREATED_AT", "STATUS", "ATTEMPTS", "LAST");

    @Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
    String accountId;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Events in the page, 1 to 100 (default: the server's, 20).")
    Integer limit;

    @Option(
        names = "--after",
        paramLabel = "EVENT_ID",
        description = "Start after this event (the 'next' the previous page printed).")
    String after;

    @Override
    AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
      List<String> query = new ArrayList<>();
      if (limit != null) {
        query.add("limit=" + limit);
      }
      if (after != null && !after.isEmpty()) {
        query.add("after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      }
      return client.send(
          "GET",
          "/admin/v1/accounts/"
              + segment(accountId)
              + "/events"
              + (query.isEmpty() ? "" : "?" + String.join("&", query)),
          null);
    }

    @Override
    void print(AdminClient.Reply reply, PrintWriter out) {
      JsonNode events = reply.json().path("events");
      if (events.isEmpty()) {
        out.println("no events");
        return;
      }
      Table table = new Table(COLUMNS);
      for (JsonNode event : events) {
        JsonNode delivery = event.path("delivery");
        table.row(
            List.of(
                Table.text(event.get("event_id")),
                Table.text(event.get("type")),
                Table.text(event.get("created_at")),
                Table.text(delivery.get("status")),
                Table.text(delivery.get("attempts")),
                last(delivery.path("history"))));
      }
      out.print(table);
      JsonNode next = reply.json().path("next");
      if (!next.isNull() && !next.isMissingNode()) {
        out.println("(more may follow; continue with --after " + next.asText() + ")");
      }
    }

    /** The last attempt's HTTP status, else its error; {@code -} before the first attempt. */
    private static String last(JsonNode history) {
      if (history.isEmpty()) {
        return "-";
      }
      JsonNode attempt = history.get(history.size() - 1);
      JsonNode status = attempt.get("http_status");
      return status != null && !status.isNull()
          ? "HTTP " + status.asText()
          : Table.text(attempt.get("error"));
    }
  }
}
