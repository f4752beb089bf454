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

/** {@code admin account …}: create, list, show, suspend and activate accounts. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Create, list, show, suspend or activate accounts.",
    subcommands = {
      AccountCommand.Create.class,
      AccountCommand.ListAccounts.class,
      AccountCommand.Show.class,
      AccountCommand.Suspend.class,
      AccountCommand.Activate.class
    })
final class AccountCommand implements Runnable {
  static final List<String> FIELDS =
      List.of("account_id", "name", "balance", "rate_limit_per_minute", "status");

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
      out.print(Table.fields(reply.json(), FIELDS));
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
}
