package dev.xhsopenapi.server.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A call's request log row is queued before its answer is written, so a caller who has the answer
 * and asks for the usage at once finds the call in it (the usage writes the queued rows first).
 */
class AnsweredCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private final CountDownLatch lineWritten = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final HoldRequestLines hold = new HoldRequestLines();

  /** Holds the thread that writes a notes call's request line until released. */
  private final class HoldRequestLines extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      if (!event.getLoggerName().equals("request")
          || !event.getFormattedMessage().contains("get_user_notes")) {
        return;
      }
      lineWritten.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @BeforeEach
  void attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    hold.setContext(context);
    hold.setName("hold-request-lines");
    hold.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(hold);
  }

  @AfterEach
  void detach() {
    release.countDown();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(hold);
    hold.stop();
  }

  @Test
  void theRowIsQueued_beforeTheAnswerIsWritten() throws Exception {
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of());
        HttpClient caller = HttpClient.newHttpClient();
        HttpClient admin = HttpClient.newHttpClient()) {
      String account = gw.createAccount("ordered", 10, 300);
      String key = gw.createKey(account);
      CompletableFuture<Integer> answer =
          caller
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(
                              gw.baseUrl()
                                  + "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes"
                                  + "?user_id=bad&cursor="))
                      .header("Authorization", "Bearer " + key)
                      .build(),
                  BodyHandlers.discarding())
              .thenApply(r -> r.statusCode());

      // The request line is written with the row; while it is held, the call is in the usage
      // and its answer has not been written yet.
      assertThat(lineWritten.await(30, TimeUnit.SECONDS)).isTrue();
      String usage =
          admin
              .send(
                  HttpRequest.newBuilder(
                          URI.create(gw.baseUrl() + "/admin/v1/accounts/" + account + "/usage"))
                      .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                      .build(),
                  BodyHandlers.ofString())
              .body();
      JsonNode byStatus = JSON.readTree(usage).get("by_status");
      assertThat(byStatus.path("400").asLong()).isEqualTo(1);
      assertThat(answer).isNotDone();

      release.countDown();
      assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(400);
    }
  }
}
