package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.server.testing.TestGateway;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /mcp} spoken as plain JSON-RPC: the protocol, the tools, their billing and refusals. */
class McpApiTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().credits(100).ratePerMinute(10_000).build();

  private int ids;

  private TestGateway.Reply rpc(String key, String method, Object params) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", "2.0");
    body.put("id", ++ids);
    body.put("method", method);
    if (params != null) {
      body.put("params", params);
    }
    return gw.gateway().admin("POST", "/mcp", body, key == null ? null : "Bearer " + key);
  }

  private JsonNode call(String tool, Map<String, Object> arguments) {
    TestGateway.Reply r = rpc(gw.key(), "tools/call", Map.of("name", tool, "arguments", arguments));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("result");
  }

  @Test
  void initialize_negotiatesTheVersion_andListsOneToolPerEndpointPlusTwo() {
    TestGateway.Reply init =
        rpc(
            gw.key(),
            "initialize",
            Map.of(
                "protocolVersion",
                "2025-06-18",
                "capabilities",
                Map.of(),
                "clientInfo",
                Map.of("name", "test", "version", "1")));
    assertThat(init.status()).as(init.body()).isEqualTo(200);
    assertThat(init.json().path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");
    assertThat(init.json().path("result").path("serverInfo").path("name").asText())
        .isEqualTo("xhs-openapi");
    JsonNode tools = rpc(gw.key(), "tools/list", Map.of()).json().path("result").path("tools");
    List<String> names = new ArrayList<>();
    tools.forEach(t -> names.add(t.path("name").asText()));
    assertThat(names)
        .contains("xhs_get_user_notes", "xhs_get_note_info", "xhs_search_users")
        .contains("xhs_get_all_user_notes", "xhs_account")
        .hasSize(dev.xhsopenapi.upstream.Operation.all().size() + 2);
    JsonNode userNotes =
        tools.findParents("name").stream()
            .filter(t -> t.path("name").asText().equals("xhs_get_user_notes"))
            .findFirst()
            .orElseThrow();
    assertThat(userNotes.path("inputSchema").path("required").toString()).contains("user_id");
  }

  @Test
  void aToolCall_isTheRestCall_chargedOnce_withItsRequestIdAndLogRow() {
    String user = gw.sampleUser().userId();
    JsonNode result = call("xhs_get_user_notes", Map.of("user_id", user));
    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(result.path("structuredContent").path("data").path("notes").size()).isPositive();
    assertThat(result.path("content").get(0).path("text").asText()).contains("items");
    String requestId = result.path("_meta").path("request_id").asText();
    assertThat(requestId).matches("[0-9a-f-]{36}");
    assertThat(result.path("_meta").path("charged").asLong()).isEqualTo(1);
    assertThat(gw.balance()).isEqualTo(99);
    String[] row = logRow(requestId);
    assertThat(row).containsExactly("/mcp", "xhs_get_user_notes", "200", "1");
  }

  @Test
  void aBadArgument_isAToolErrorWithTheRestMessage_andCostsNothing() {
    JsonNode result = call("xhs_get_user_notes", Map.of("user_id", "not-a-user"));
    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.path("structuredContent").path("error").asText()).isEqualTo("invalid_param");
    assertThat(result.path("content").get(0).path("text").asText()).startsWith("invalid_param: ");
    TestGateway.Reply rest = gw.gateway().notes(gw.key(), "not-a-user", "");
    assertThat(result.path("structuredContent").path("message").asText())
        .isEqualTo(rest.json().path("message").asText());
    JsonNode unknown =
        call("xhs_get_user_notes", Map.of("user_id", gw.sampleUser().userId(), "x", 1));
    assertThat(unknown.path("isError").asBoolean()).isTrue();
    assertThat(gw.balance()).isEqualTo(100);
  }

  @Test
  void allUserNotes_walksUpToMaxPages_chargingEachPage() {
    JsonNode result =
        call("xhs_get_all_user_notes", Map.of("user_id", gw.sampleUser().userId(), "max_pages", 2));
    assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
    JsonNode out = result.path("structuredContent");
    assertThat(out.path("pages").asInt()).isEqualTo(2);
    assertThat(out.path("notes").size()).isGreaterThan(10);
    assertThat(out.path("has_more").asBoolean()).isTrue();
    assertThat(result.path("_meta").path("page_request_ids").size()).isEqualTo(2);
    assertThat(result.path("_meta").path("charged").asLong()).isEqualTo(2);
    assertThat(gw.balance()).isEqualTo(98);
    JsonNode tooMany =
        call(
            "xhs_get_all_user_notes", Map.of("user_id", gw.sampleUser().userId(), "max_pages", 99));
    assertThat(tooMany.path("isError").asBoolean()).isTrue();
    assertThat(tooMany.path("structuredContent").path("message").asText()).contains("max_pages");
  }

  @Test
  void account_showsTheBalance_free() {
    JsonNode result = call("xhs_account", Map.of());
    assertThat(result.path("structuredContent").path("balance").asLong()).isEqualTo(100);
    assertThat(gw.balance()).isEqualTo(100);
  }

  @Test
  void aWrongKey_isRefusedBeforeAnyMessage_andOtherMethodsAre405() {
    TestGateway.Reply r = rpc("sk_live_" + "0".repeat(32), "tools/list", Map.of());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asText()).isEqualTo("invalid_api_key");
    assertThat(rpc(null, "tools/list", Map.of()).status()).isEqualTo(401);
    TestGateway.Reply get = gw.gateway().get("/mcp", "Bearer " + gw.key());
    assertThat(get.status()).isEqualTo(405);
    TestGateway.Reply broken = gw.gateway().admin("POST", "/mcp", "{nope", "Bearer " + gw.key());
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().path("error").path("code").asInt()).isEqualTo(-32700);
  }

  private String[] logRow(String requestId) {
    return Eventually.until(
        "the log row of " + requestId,
        Duration.ofSeconds(20),
        () ->
            gw.gateway()
                .gateway()
                .database()
                .transaction(
                    "reading",
                    c -> {
                      try (PreparedStatement s =
                          c.prepareStatement(
                              "SELECT path, tool, status, charged FROM request_log WHERE"
                                  + " request_id = ?")) {
                        s.setString(1, requestId);
                        try (ResultSet rs = s.executeQuery()) {
                          return rs.next()
                              ? new String[] {
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)
                              }
                              : null;
                        }
                      }
                    }),
        row -> row != null);
  }
}
