package dev.xhsopenapi.cli.admin;

import dev.xhsopenapi.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One admin operation: sends its request with the admin token, then prints the answer as a table
 * or, with {@code --json}, exactly as the server sent it. Refusals print the server's message and
 * request id and exit non-zero.
 */
abstract class AdminAction implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--base-url",
      defaultValue = "http://127.0.0.1:8080",
      paramLabel = "URL",
      description = "The gateway (default: ${DEFAULT-VALUE}).")
  String baseUrl;

  @Option(
      names = "--admin-token",
      defaultValue = "${env:XHS_OPENAPI_ADMIN_TOKEN}",
      paramLabel = "TOKEN",
      description = "The admin token (default: env XHS_OPENAPI_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--json", description = "Print the server's JSON instead of a table.")
  boolean json;

  /** Sends the operation's request. */
  abstract AdminClient.Reply send(AdminClient client) throws IOException, InterruptedException;

  /** Prints a successful answer for people. */
  abstract void print(AdminClient.Reply reply, PrintWriter out);

  @Override
  public Integer call() {
    if (adminToken == null || adminToken.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "no admin token: pass --admin-token or set XHS_OPENAPI_ADMIN_TOKEN");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (AdminClient client = new AdminClient(baseUrl, adminToken)) {
      AdminClient.Reply reply = send(client);
      if (json) {
        if (!reply.body().isEmpty()) {
          out.println(reply.body());
        }
      } else {
        print(reply, out);
      }
      out.flush();
      return ExitCodes.OK;
    } catch (AdminException e) {
      err.println(spec.qualifiedName() + ": " + e.describe());
      return e.exitCode();
    } catch (IllegalArgumentException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println(spec.qualifiedName() + ": no answer from " + baseUrl + ": " + e);
      return ExitCodes.SERVER;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    } finally {
      err.flush();
    }
  }

  /** {@code s} for a URL path segment; ids are plain, so this only guards against odd input. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
