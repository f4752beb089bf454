package dev.xhsopenapi.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official MCP TypeScript client ({@code @modelcontextprotocol/sdk} from npm, pinned in {@code
 * src/test/node/mcp/package-lock.json}, installed by {@code scripts/test-services.sh}) against a
 * real gateway's {@code /mcp}: it connects with the customer's key, lists one tool per endpoint
 * plus the two extras, gets a user's notes page by page, gets a tool error for a bad user id, and
 * is refused with a wrong key; the balance drops by exactly the pages fetched.
 */
class McpTypeScriptClientTest {
  private static final Path CLIENT = Path.of("src", "test", "node", "mcp");

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder().credits(1000).ratePerMinute(10_000).build();

  @Test
  void theOfficialClient_listsAndCallsTheTools_andPaysExactlyThePages() throws Exception {
    assertThat(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))
        .as("the MCP client's npm packages; scripts/test-services.sh installs them (npm ci)")
        .isRegularFile();
    String user = gw.sampleUser().userId();

    JsonNode out = run(gw.baseUrl(), gw.key(), user);

    List<String> tools = new ArrayList<>();
    out.path("tools").forEach(t -> tools.add(t.asText()));
    assertThat(tools)
        .hasSize(Operation.all().size() + 2)
        .contains("xhs_get_user_notes", "xhs_get_all_user_notes", "xhs_account");
    assertThat(out.path("server").path("name").asText()).isEqualTo("xhs-openapi");
    JsonNode page = out.path("page");
    assertThat(page.path("isError").asBoolean()).isFalse();
    assertThat(page.path("notes").asInt()).isPositive();
    assertThat(page.path("requestId").asText()).matches("[0-9a-f-]{36}");
    assertThat(page.path("charged").asInt()).isEqualTo(1);
    JsonNode all = out.path("all");
    assertThat(all.path("isError").asBoolean()).isFalse();
    assertThat(all.path("pages").asInt()).isEqualTo(3);
    assertThat(all.path("charged").asInt()).isEqualTo(3);
    assertThat(out.path("bad").path("isError").asBoolean()).isTrue();
    assertThat(out.path("bad").path("error").asText()).isEqualTo("invalid_param");
    assertThat(out.path("wrongKey").asText()).contains("401");
    // One page, three pages, nothing for the refusal: 4 credits, as the account tool saw too.
    assertThat(out.path("balance").asLong()).isEqualTo(996);
    assertThat(gw.balance()).isEqualTo(996);
  }

  private static JsonNode run(String base, String key, String user)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("mcp-client", ".out");
    Path stderr = Files.createTempFile("mcp-client", ".err");
    try {
      Process node =
          new ProcessBuilder("node", "mcp-client.mjs", base, key, user)
              .directory(CLIENT.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      boolean ended = node.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        node.destroyForcibly();
      }
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertThat(ended).as("the MCP client did not end in 120 s; stderr:\n%s", err).isTrue();
      assertThat(node.exitValue()).as("the MCP client failed; stderr:\n%s", err).isZero();
      String text = Files.readString(stdout, StandardCharsets.UTF_8).strip();
      return new ObjectMapper().readTree(text.substring(text.lastIndexOf('\n') + 1));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
