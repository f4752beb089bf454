package dev.xhsopenapi.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code admin account …}: create, show, suspend and activate accounts. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Create, show, suspend or activate an account.",
    subcommands = {
      AccountCommand.Create.class,
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
