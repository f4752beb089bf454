package dev.xhsopenapi.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.sdk.Endpoint;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xhs-openapi call}: one call of any endpoint of the catalogue, its envelope printed. */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = {
      "Calls one endpoint of the SpiderHubs Xiaohongshu catalogue by its operation id and prints"
          + " the answer's envelope ({\"code\":200,\"request_id\":…,\"data\":…}) as received, on"
          + " one line. A call answered 200 costs the endpoint's price (1 credit by default).",
      "Operation ids: xhs-get-user-notes (user_id, cursor), xhs-user-notes-web-v3 (user_id,"
          + " cursor, num), xhs-get-note-info (note_id), xhs-note-detail-web-v3 (note_id,"
          + " xsec_token), xhs-search-users (keywords, page), xhs-homefeed-web-v3 (num,"
          + " cursor_score, category, need_filter_image), xhs-hot-inspiration (cursor).",
      "Example: call xhs-search-users keywords=露营 page=2"
    },
    footer = {
      "%nExit status: 0 done; 2 usage error (an unknown operation id or parameter, a parameter"
          + " not written as key=value, or the gateway's 400); 3 key refused, out of credits or"
          + " suspended (401/402/403); 4 not found (404); 5 server or upstream errors after retries"
          + " (5xx, network); 130 interrupted. Errors go to standard error in one line.%n"
    })
public final class CallCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin private ApiOptions api;

  @Parameters(index = "0", paramLabel = "OP_ID", description = "The operation id.")
  private String opId;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "KEY=VALUE",
      description = "The query parameters, such as note_id=64f1c2a3000000001f03b7a1.")
  private List<String> params = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Endpoint> endpoint = Endpoint.byOpId(opId);
    if (endpoint.isEmpty()) {
      err.println(
          "call: unknown operation id '"
              + opId
              + "'; the operation ids are: "
              + String.join(", ", Endpoint.opIds()));
      return ExitCodes.USAGE;
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        err.println(
            "call: '"
                + param
                + "' is not key=value; "
                + endpoint.get().opId()
                + " takes "
                + takes(endpoint.get()));
        return ExitCodes.USAGE;
      }
      String key = param.substring(0, eq);
      if (query.put(key, param.substring(eq + 1)) != null) {
        err.println("call: " + key + " is given twice");
        return ExitCodes.USAGE;
      }
    }
    try (XhsOpenApiClient client = api.client(spec, EventListener.NONE)) {
      String json = MAPPER.writeValueAsString(client.call(endpoint.get(), query).json());
      PrintWriter out = spec.commandLine().getOut();
      out.println(json);
      out.flush();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      err.println("call: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (XhsOpenApiException e) {
      err.println("call: " + ExitCodes.describe(e));
      return ExitCodes.of(e);
    } catch (JsonProcessingException e) {
      err.println("call: cannot print the answer: " + e.getOriginalMessage());
      return ExitCodes.FAILURE;
    }
  }

  private static String takes(Endpoint endpoint) {
    return endpoint.params().isEmpty() ? "no parameters" : String.join(", ", endpoint.params());
  }
}
