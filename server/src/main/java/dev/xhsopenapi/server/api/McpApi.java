package dev.xhsopenapi.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.upstream.Operation;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * {@code /mcp}: the Model Context Protocol over its Streamable HTTP transport (DESIGN §13), with
 * the customer's own {@code Authorization: Bearer sk_live_…} key.
 *
 * <p>The protocol — initialize and version negotiation (2025-03-26, 2025-06-18, 2025-11-25), ping,
 * tools/list, tools/call, the JSON-RPC types and errors — is the official MCP Java SDK's stateless
 * server ({@code io.modelcontextprotocol.sdk:mcp-core}). Only this HTTP transport is written here:
 * the SDK's HTTP transports are servlets, and Helidon SE serves no servlets. The server is
 * stateless: no {@code Mcp-Session-Id}, each POST carries one JSON-RPC message and gets its answer
 * as {@code application/json}; a notification or a response gets 202; GET (the optional
 * server-to-client stream) and DELETE get 405, which the transport allows.
 *
 * <p>Every POST is a request of the gateway: it has a {@code request_id} and a log row (path {@code
 * /mcp}, and for tools/call the tool), and it is authenticated first, so a wrong key is refused
 * (401 with the error body) before any MCP message is read. Tool calls are billed and limited as
 * the REST calls are ({@link McpTools}).
 */
public final class McpApi implements HttpService, McpStatelessServerTransport {
  /** The endpoint's path. */
  public static final String PATH = "/mcp";

  private static final String EXCHANGE = "xhs-openapi.exchange";

  private final ApiRequests requests;
  private final McpJsonMapper mapper;
  private volatile McpStatelessServerHandler handler;

  /**
   * Creates the endpoint and its MCP server.
   *
   * @param operations the endpoints offered as tools
   * @param version the gateway's version, announced in {@code serverInfo}
   */
  public McpApi(
      Platform platform,
      ApiRequests requests,
      DataCalls calls,
      List<Operation> operations,
      String version) {
    this.requests = requests;
    ObjectMapper json = platform.json();
    this.mapper = new JacksonMcpJsonMapper(json);
    McpTools tools =
        new McpTools(
            calls,
            requests,
            new AccountView(platform.accounts(), platform.usage()),
            json,
            operations);
    // The built server hands its handler to this transport (setMcpHandler); nothing else is kept.
    McpServer.sync(this)
        .serverInfo("xhs-openapi", version)
        .instructions(
            "Xiaohongshu (RedNote) data: users' notes, note details, user search and feeds."
                + " Each tool that fetches data costs credits when it answers with data;"
                + " xhs_account shows the balance.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .jsonMapper(mapper)
        // Arguments are checked by each endpoint's own rules, with the REST API's messages.
        .jsonSchemaValidator(ACCEPT_ALL)
        .validateToolInputs(false)
        // Tool calls run on the request's own (virtual) thread.
        .immediateExecution(true)
        .tools(tools.specifications())
        .build();
  }

  /** A schema validator that accepts everything: validation is the endpoints' own. */
  private static final JsonSchemaValidator ACCEPT_ALL =
      (schema, value) -> JsonSchemaValidator.ValidationResponse.asValid(null);

  /** The exchange of the MCP request a tool runs in. */
  static Exchange exchange(McpTransportContext ctx) {
    return (Exchange) ctx.get(EXCHANGE);
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post(PATH, this::post).get(PATH, this::postOnly).delete(PATH, this::postOnly);
  }

  private void postOnly(ServerRequest req, ServerResponse res) {
    // A stateless server opens no stream to the client and has no session to end; the transport
    // lets a server answer 405 to both.
    requests.serve(
        req,
        res,
        PATH,
        x -> {
          res.header(HeaderValues.create("Allow", "POST"));
          throw new ApiError(
              ErrorCode.METHOD_NOT_ALLOWED,
              req.prologue().method().text()
                  + " is not allowed on "
                  + PATH
                  + "; this MCP server is stateless: POST one JSON-RPC message at a time");
        });
  }

  private void post(ServerRequest req, ServerResponse res) {
    requests.serve(
        req,
        res,
        PATH,
        x -> {
          checkOrigin(req);
          Caller caller = requests.authenticate(req, x);
          ApiRequests.requireScope(caller, KeyRules.MCP);
          String version =
              req.headers().first(HeaderNames.create("MCP-Protocol-Version")).orElse(null);
          if (version != null && !protocolVersions().contains(version)) {
            rpcError(
                res,
                x,
                null,
                McpSchema.ErrorCodes.INVALID_REQUEST,
                "MCP-Protocol-Version " + version + " is not one of " + protocolVersions());
            return;
          }
          byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
          McpSchema.JSONRPCMessage message;
          try {
            message =
                McpSchema.deserializeJsonRpcMessage(
                    mapper, new String(body, StandardCharsets.UTF_8));
          } catch (IOException | IllegalArgumentException e) {
            rpcError(
                res,
                x,
                null,
                McpSchema.ErrorCodes.PARSE_ERROR,
                "the body is not one JSON-RPC 2.0 message");
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          values.put(EXCHANGE, x);
          values.put("caller", caller);
          McpTransportContext ctx = McpTransportContext.create(values);
          switch (message) {
            case McpSchema.JSONRPCRequest request -> {
              if ("tools/call".equals(request.method())) {
                x.tool(toolName(request));
              }
              McpSchema.JSONRPCResponse answer =
                  handler
                      .handleRequest(ctx, request)
                      .contextWrite(c -> c.put(McpTransportContext.KEY, ctx))
                      .block();
              if (!x.hasEnded()) {
                x.ended(200, null);
              }
              x.writeRateHeaders(res);
              res.header(HeaderValues.CONTENT_TYPE_JSON).send(mapper.writeValueAsBytes(answer));
            }
            case McpSchema.JSONRPCNotification notification -> {
              handler
                  .handleNotification(ctx, notification)
                  .contextWrite(c -> c.put(McpTransportContext.KEY, ctx))
                  .block();
              x.ended(202, null);
              res.status(Status.ACCEPTED_202).send();
            }
            default -> {
              // A client's response to a server request: a stateless server sends none.
              x.ended(202, null);
              res.status(Status.ACCEPTED_202).send();
            }
          }
        });
  }

  private static String toolName(McpSchema.JSONRPCRequest request) {
    if (request.params() instanceof Map<?, ?> params && params.get("name") instanceof String n) {
      return n.length() > 100 ? n.substring(0, 100) : n;
    }
    return null;
  }

  /**
   * Refuses a request a browser sent from another site (DNS rebinding, as the MCP transport
   * specification warns): an {@code Origin} whose host is not the one the request was sent to.
   */
  private static void checkOrigin(ServerRequest req) {
    String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
    if (origin == null) {
      return;
    }
    String host = req.headers().first(HeaderNames.HOST).orElse("");
    String originHost;
    try {
      URI uri = URI.create(origin);
      originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      originHost = null;
    }
    if (originHost == null || !originHost.equalsIgnoreCase(host)) {
      throw new ApiError(
          ErrorCode.INVALID_PARAM,
          "requests to /mcp from a web page of another origin (" + origin + ") are refused");
    }
  }

  /**
   * Answers a JSON-RPC error built by hand: the SDK's response type refuses the null id that a
   * message too broken to have an id must carry.
   */
  private void rpcError(ServerResponse res, Exchange x, Object id, int code, String message)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    body.put("id", id);
    body.put("error", error);
    x.ended(400, ErrorCode.INVALID_PARAM.wire());
    res.status(Status.BAD_REQUEST_400)
        .header(HeaderValues.CONTENT_TYPE_JSON)
        .send(mapper.writeValueAsBytes(body));
  }
}
