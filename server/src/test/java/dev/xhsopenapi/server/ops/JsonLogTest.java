package dev.xhsopenapi.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.server.ops.logging.LogSetup;
import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With the JSON format, each request writes one parseable line with its fields, admin actions write
 * audit lines, every line of a request carries its {@code request_id}, and no line holds a key or
 * the admin token.
 */
class JsonLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "6587d26000000001658eec67";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private OutputStreamAppender<ILoggingEvent> capture;

  @BeforeEach
  void captureJson() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    capture = new OutputStreamAppender<>();
    capture.setContext(context);
    capture.setName("json-capture");
    capture.setEncoder(LogSetup.jsonEncoder(context));
    capture.setOutputStream(out);
    capture.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
  }

  @AfterEach
  void release() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
    capture.stop();
  }

  @Test
  void request_writesOneJsonLine_withItsFields() throws IOException {
    String key;
    TestGateway.Reply page;
    try (TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), Map.of())) {
      String account = gw.createAccount("logged", 10, 300);
      key = gw.createKey(account);
      page = gw.notes(key, USER, null);
      assertThat(page.status()).isEqualTo(200);
    }
    String requestId = page.header("X-Request-Id");
    List<JsonNode> lines = lines();

    List<JsonNode> requestLines =
        lines.stream()
            .filter(l -> l.path("loggerName").asText().equals("request"))
            .filter(l -> requestId.equals(fields(l).path("request_id").asText()))
            .toList();
    assertThat(requestLines).hasSize(1);
    JsonNode line = requestLines.get(0);
    JsonNode f = fields(line);
    assertThat(f.get("account").asText()).startsWith("acc_");
    assertThat(f.get("key_prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(f.get("path").asText())
        .isEqualTo("/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes");
    assertThat(f.get("user_id").asText()).isEqualTo(USER);
    assertThat(f.get("status").asText()).isEqualTo("200");
    assertThat(f.get("charged").asText()).isEqualTo("1");
    assertThat(f.get("cache").asText()).isEqualTo("MISS");
    assertThat(f.get("upstream_ms").asLong()).isNotNegative();
    assertThat(f.get("total_ms").asLong()).isNotNegative();
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("timestamp").asLong()).isPositive();
    assertThat(line.at("/mdc/request_id").asText()).isEqualTo(requestId);

    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("loggerName").asText()).isEqualTo("audit");
              assertThat(fields(l).get("actor").asText()).isEqualTo("admin");
              assertThat(fields(l).get("action").asText()).isEqualTo("key.create");
              assertThat(fields(l).get("key_id").asText()).startsWith("key_");
              assertThat(l.at("/mdc/request_id").asText()).hasSize(36);
            });
    String all = out.toString(StandardCharsets.UTF_8);
    assertThat(all).doesNotContain(key).doesNotContain(TestGateway.ADMIN_TOKEN);
  }

  @Test
  void upstreamLines_ofARequest_carryItsRequestId() throws IOException {
    try (TestGateway gw =
        TestGateway.start(
            dir,
            Clock.systemUTC(),
            Map.of(),
            List.of(ScriptedProvider.failing(UpstreamException.Kind.UNUSABLE)))) {
      String key = gw.createKey(gw.createAccount("failing", 10, 300));
      TestGateway.Reply r = gw.notes(key, USER, null);
      assertThat(r.status()).isEqualTo(502);
      String requestId = r.header("X-Request-Id");

      // The chain runs on a fetch thread of its own, not the request's.
      assertThat(lines())
          .anySatisfy(
              l -> {
                assertThat(l.get("loggerName").asText()).endsWith("ProviderChain");
                assertThat(l.get("level").asText()).isEqualTo("WARN");
                assertThat(l.at("/mdc/request_id").asText()).isEqualTo(requestId);
              });
    }
  }

  /** The captured output: every line must be one JSON object. */
  private List<JsonNode> lines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /**
   * A line's key-value pairs (logback writes them as a list of one-entry objects) as one object.
   */
  private static JsonNode fields(JsonNode line) {
    ObjectNode merged = JSON.createObjectNode();
    line.path("kvpList").forEach(pair -> merged.setAll((ObjectNode) pair));
    return merged;
  }
}
