package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.server.testing.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MCP tool calls spend the account's credits and calls like REST calls, and say when they run out.
 */
class McpLimitsTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().credits(1).ratePerMinute(3).build();

  private JsonNode call(String tool, Map<String, Object> arguments) {
    TestGateway.Reply r =
        gw.gateway()
            .admin(
                "POST",
                "/mcp",
                Map.of(
                    "jsonrpc",
                    "2.0",
                    "id",
                    1,
                    "method",
                    "tools/call",
                    "params",
                    Map.of("name", tool, "arguments", arguments)),
                "Bearer " + gw.key());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("result");
  }

  @Test
  void creditsThenCalls_runOut_asToolErrors_withTheRestCodes() {
    Map<String, Object> user = Map.of("user_id", gw.sampleUser().userId());
    assertThat(call("xhs_get_user_notes", user).path("isError").asBoolean()).isFalse();
    JsonNode broke = call("xhs_get_user_notes", user);
    assertThat(broke.path("isError").asBoolean()).isTrue();
    assertThat(broke.path("structuredContent").path("error").asText())
        .isEqualTo("insufficient_credits");
    assertThat(broke.path("structuredContent").path("code").asInt()).isEqualTo(402);
    // The third call of the minute is the account's last; the fourth is refused before any work.
    assertThat(call("xhs_account", Map.of()).path("isError").asBoolean()).isFalse();
    JsonNode limited = call("xhs_account", Map.of());
    assertThat(limited.path("isError").asBoolean()).isTrue();
    assertThat(limited.path("structuredContent").path("error").asText()).isEqualTo("rate_limited");
    assertThat(gw.balance()).isZero();
  }
}
