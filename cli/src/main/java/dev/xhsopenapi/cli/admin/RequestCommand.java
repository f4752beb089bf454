package dev.xhsopenapi.cli.admin;

import dev.xhsopenapi.cli.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code admin request}: one request of the request log. */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = "Show one logged request: who made it, what it asked, how it ended, its cost.")
final class RequestCommand extends AdminAction {
  static final List<String> FIELDS =
      List.of(
          "request_id",
          "account_id",
          "key_prefix",
          "path",
          "user_id",
          "cursor",
          "status",
          "charged",
          "cache",
          "upstream_ms",
          "total_ms",
          "at");

  @Parameters(paramLabel = "REQUEST_ID", description = "The request_id (X-Request-Id).")
  String requestId;

  @Override
  AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException {
    return client.send("GET", "/admin/v1/requests/" + segment(requestId), null);
  }

  @Override
  void print(AdminClient.Reply reply, PrintWriter out) {
    out.print(Table.fields(reply.json(), FIELDS));
  }
}
