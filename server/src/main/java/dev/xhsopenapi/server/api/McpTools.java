package dev.xhsopenapi.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.notes.NotesPage;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Param;
import dev.xhsopenapi.upstream.UpstreamRequest;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The MCP tools (DESIGN §13): one per endpoint of the catalogue, named after its op id ({@code
 * xhs-get-user-notes} → {@code xhs_get_user_notes}), whose input schema lists the endpoint's query
 * parameters; {@code xhs_get_all_user_notes} (a user's notes page after page, up to {@code
 * max_pages}); and {@code xhs_account}. A tool call is the REST call: the endpoint's own checks and
 * messages, the account's rate limit, one charge per answer with data, a request log row (path
 * {@code /mcp}, the tool's name). The result carries the source's body as structured content, a
 * short summary as text, and the {@code request_id} (and credits charged) in {@code _meta}; a
 * refusal is a tool error ({@code isError}) with the error code and message, never a protocol
 * error.
 */
final class McpTools {
  /** The tool that walks a user's notes. */
  static final String ALL_USER_NOTES = "xhs_get_all_user_notes";

  /** The tool that shows the caller's account. */
  static final String ACCOUNT = "xhs_account";

  /** The most pages one {@value #ALL_USER_NOTES} call may fetch. */
  static final int MAX_PAGES = 20;

  private static final int DEFAULT_PAGES = 5;

  private final DataCalls calls;
  private final ApiRequests requests;
  private final AccountView account;
  private final ObjectMapper json;
  private final List<Operation> operations;

  McpTools(
      DataCalls calls,
      ApiRequests requests,
      AccountView account,
      ObjectMapper json,
      List<Operation> operations) {
    this.calls = calls;
    this.requests = requests;
    this.account = account;
    this.json = json;
    this.operations = List.copyOf(operations);
  }

  /** The tool's name of an operation: its op id with {@code _} for {@code -}. */
  static String toolName(Operation operation) {
    return operation.id().replace('-', '_').toLowerCase(Locale.ROOT);
  }

  /** Every tool, each with its handler. */
  List<SyncToolSpecification> specifications() {
    List<SyncToolSpecification> tools = new ArrayList<>();
    for (Operation operation : operations) {
      tools.add(
          new SyncToolSpecification(
              McpSchema.Tool.builder(toolName(operation), schema(operation.params()))
                  .title(operation.summary())
                  .description(
                      operation.summary()
                          + ". Same as GET "
                          + operation.path()
                          + "; costs the endpoint's price in credits when it answers with data.")
                  .annotations(readOnly())
                  .build(),
              (ctx, call) -> run(ctx, toolName(operation), x -> endpoint(operation, call, x))));
    }
    if (operations.contains(Operation.USER_NOTES)) {
      Map<String, Object> schema = schema(List.of(Operation.USER_NOTES.param("user_id")));
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
      properties.put(
          "max_pages",
          Map.of(
              "type",
              "integer",
              "minimum",
              1,
              "maximum",
              MAX_PAGES,
              "default",
              DEFAULT_PAGES,
              "description",
              "the most pages to fetch (each page answered costs its price)"));
      tools.add(
          new SyncToolSpecification(
              McpSchema.Tool.builder(ALL_USER_NOTES, schema)
                  .title("Every note of a user, page after page")
                  .description(
                      "Walks a user's notes (App series, pinned first) from the first page until"
                          + " the last one or max_pages; each page answered costs its price in"
                          + " credits. Returns the notes together and the cursor to go on from.")
                  .annotations(readOnly())
                  .build(),
              (ctx, call) -> run(ctx, ALL_USER_NOTES, x -> allUserNotes(call, x))));
    }
    tools.add(
        new SyncToolSpecification(
            McpSchema.Tool.builder(
                    ACCOUNT,
                    Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
                .title("Your account")
                .description(
                    "Your balance (credits), rate limit per minute, and today's calls and"
                        + " credits. Free.")
                .annotations(readOnly())
                .build(),
            (ctx, call) -> run(ctx, ACCOUNT, this::account)));
    return tools;
  }

  private static McpSchema.ToolAnnotations readOnly() {
    return McpSchema.ToolAnnotations.builder().readOnlyHint(true).openWorldHint(true).build();
  }

  /** The JSON Schema of a tool's arguments: each parameter a string, described, with an example. */
  private static Map<String, Object> schema(List<Param> params) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Param p : params) {
      Map<String, Object> property = new LinkedHashMap<>();
      // Numbers are accepted too: an agent may send num: 10 rather than "10".
      property.put("type", List.of("string", "integer"));
      property.put(
          "description",
          p.description()
              + (p.defaultValue().isEmpty() ? "" : " (default " + p.defaultValue() + ")"));
      property.put("examples", List.of(p.example()));
      properties.put(p.name(), property);
      if (p.required()) {
        required.add(p.name());
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  /** A tool's work on the call's exchange; its refusals are {@link ApiError}s. */
  @FunctionalInterface
  private interface Work {
    CallToolResult run(Exchange x) throws Exception;
  }

  /**
   * Runs a tool on the exchange of the MCP request that called it: the tool's name on the log row,
   * an {@link ApiError} (or any failure) turned into a tool error with the same code and message as
   * REST, and the request id in {@code _meta}.
   */
  private CallToolResult run(McpTransportContext ctx, String tool, Work work) {
    Exchange x = McpApi.exchange(ctx);
    x.tool(tool);
    try {
      return work.run(x);
    } catch (ApiError e) {
      return error(x, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(x, new ApiError(ErrorCode.SERVICE_UNAVAILABLE, "the server is stopping"));
    } catch (Exception e) {
      return error(
          x,
          new ApiError(
              ErrorCode.INTERNAL_ERROR,
              "the call failed inside the gateway; it was not charged (request "
                  + x.requestId()
                  + ")"));
    }
  }

  private CallToolResult endpoint(Operation operation, CallToolRequest call, Exchange x)
      throws InterruptedException, IOException {
    Caller caller = x.caller();
    UpstreamRequest request = request(operation, call.arguments());
    DataCalls.Served served = calls.call(caller, request, x);
    JsonNode body = json.readTree(served.data().body());
    Map<String, Object> meta = meta(x.requestId(), served.charged());
    meta.put("credits_remaining", served.remaining());
    meta.put("cache", served.cache().name());
    return CallToolResult.builder()
        .addTextContent(Summaries.of(operation, body))
        .structuredContent(json.convertValue(body, Map.class))
        .meta(meta)
        .isError(false)
        .build();
  }

  private CallToolResult allUserNotes(CallToolRequest call, Exchange x)
      throws InterruptedException {
    Caller caller = x.caller();
    Map<String, Object> args = call.arguments() == null ? Map.of() : call.arguments();
    int maxPages = maxPages(args.get("max_pages"));
    String userId = text(args.get("user_id"));
    ArrayNode notes = json.createArrayNode();
    List<String> requestIds = new ArrayList<>();
    long charged = 0;
    String cursor = "";
    boolean hasMore = true;
    int pages = 0;
    ApiError stoppedBy = null;
    while (pages < maxPages && hasMore) {
      String at = cursor;
      UpstreamRequest request =
          request(
              Operation.USER_NOTES, Map.of("user_id", userId == null ? "" : userId, "cursor", at));
      DataCalls.Served served;
      try {
        served =
            calls.callLogged(
                caller, request, new DataCalls.Origin(McpApi.PATH, null, ALL_USER_NOTES));
      } catch (ApiError e) {
        if (pages == 0) {
          throw e;
        }
        // The pages already fetched were charged: they are returned, with why the walk stopped.
        stoppedBy = e;
        break;
      }
      pages++;
      requestIds.add(served.requestId());
      charged += served.charged();
      NotesPage page = readPage(served.data().body());
      page.notes().forEach(note -> notes.add(note.json()));
      String next = page.cursor();
      hasMore = page.hasMore() && !next.isEmpty() && !next.equals(at);
      cursor = next;
    }
    x.query(userId, null);
    x.ended(200, null);
    ObjectNode out = json.createObjectNode();
    out.set("notes", notes);
    out.put("pages", pages);
    out.put("has_more", hasMore);
    out.put("cursor", hasMore ? cursor : "");
    if (stoppedBy != null) {
      out.put("stopped_by", stoppedBy.code().wire());
      out.put("stopped_because", stoppedBy.getMessage());
    }
    Map<String, Object> meta = meta(x.requestId(), charged);
    meta.put("page_request_ids", requestIds);
    String summary =
        notes.size()
            + " notes in "
            + pages
            + " page(s), "
            + charged
            + " credit(s)"
            + (hasMore ? "; more remain after cursor " + cursor : "; that is every note")
            + (stoppedBy == null ? "" : "; stopped early: " + stoppedBy.getMessage())
            + "."
            + Summaries.titles(notes);
    return CallToolResult.builder()
        .addTextContent(summary)
        .structuredContent(json.convertValue(out, Map.class))
        .meta(meta)
        .isError(false)
        .build();
  }

  private CallToolResult account(Exchange x) {
    Caller caller = x.caller();
    requests.admit(caller, x);
    Map<String, Object> data = account.of(caller.accountId());
    x.ended(200, null);
    return CallToolResult.builder()
        .addTextContent(
            "Balance "
                + data.get("balance")
                + " credits; "
                + data.get("rate_limit_per_minute")
                + " calls a minute; today "
                + data.get("calls_today")
                + " calls, "
                + data.get("charged_today")
                + " credits.")
        .structuredContent(data)
        .meta(meta(x.requestId(), 0))
        .isError(false)
        .build();
  }

  private NotesPage readPage(byte[] body) {
    try {
      return NotesPage.read(json, body);
    } catch (IOException e) {
      // A body the page rule accepted is JSON; this cannot happen short of a bug.
      throw new IllegalStateException("a served page is not JSON", e);
    }
  }

  private static UpstreamRequest request(Operation operation, Map<String, Object> arguments) {
    Map<String, Object> args = arguments == null ? Map.of() : arguments;
    for (String name : args.keySet()) {
      if (operation.params().stream().noneMatch(p -> p.name().equals(name))) {
        throw ApiError.invalidParam(
            "unknown parameter '"
                + name
                + "'; this tool takes "
                + String.join(", ", operation.params().stream().map(Param::name).toList()));
      }
    }
    Function<String, String> given = name -> text(args.get(name));
    try {
      return operation.request(given);
    } catch (InvalidParamException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
  }

  private static int maxPages(Object given) {
    if (given == null) {
      return DEFAULT_PAGES;
    }
    String text = text(given);
    try {
      int pages = Integer.parseInt(text);
      if (pages >= 1 && pages <= MAX_PAGES) {
        return pages;
      }
    } catch (NumberFormatException e) {
      // Refused below with the bounds.
    }
    throw ApiError.invalidParam(
        "max_pages must be a whole number from 1 to " + MAX_PAGES + ", got '" + text + "'");
  }

  /** An argument as the query string would carry it: text, a number's digits, else refused. */
  private static String text(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      default ->
          throw ApiError.invalidParam(
              "arguments must be strings or numbers, got " + value.getClass().getSimpleName());
    };
  }

  private static Map<String, Object> meta(String requestId, long charged) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("request_id", requestId);
    meta.put("charged", charged);
    return meta;
  }

  private CallToolResult error(Exchange x, ApiError e) {
    if (!x.hasEnded()) {
      x.ended(e.code().status(), e.code().wire());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", e.code().status());
    body.put("error", e.code().wire());
    body.put("message", e.getMessage());
    body.put("request_id", x.requestId());
    return CallToolResult.builder()
        .addTextContent(e.code().wire() + ": " + e.getMessage())
        .structuredContent(body)
        .meta(meta(x.requestId(), 0))
        .isError(true)
        .build();
  }
}
