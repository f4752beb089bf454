package dev.xhsopenapi.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a node (SIGTERM runs {@code close()}) lets the requests in flight finish: each is
 * answered, charged once, and has its request log row after a restart.
 */
class GracefulShutdownTest {
  private static final int IN_FLIGHT = 8;

  @TempDir Path dir;

  @Test
  void close_withRequestsInFlight_answersAndLogsEveryOne() throws Exception {
    Map<String, String> slowUpstream = Map.of("upstream.sim.latency-ms", "300");
    List<String> users =
        SimDataset.generate(1).users().stream()
            .filter(u -> !u.notes().isEmpty())
            .map(SimUser::userId)
            .limit(IN_FLIGHT)
            .toList();
    String account;
    List<TestGateway.Reply> replies = new ArrayList<>();
    TestGateway gw = TestGateway.start(dir, Clock.systemUTC(), slowUpstream);
    try (ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT)) {
      account = gw.createAccount("draining", 100, 300);
      String key = gw.createKey(account);
      List<Future<TestGateway.Reply>> calls = new ArrayList<>();
      for (String user : users) {
        calls.add(clients.submit(() -> gw.notes(key, user, null)));
      }
      URI live = URI.create(gw.baseUrl() + "/health/live");
      // A call holds its credit from before its 300 ms upstream fetch until it is answered: once
      // every credit is held, every call is inside the gateway, waiting upstream. Stop then.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (gw.balance(account) > 100 - IN_FLIGHT && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(gw.balance(account)).isEqualTo(100 - IN_FLIGHT);
      long stopAt = System.nanoTime();
      gw.close();
      assertThat((System.nanoTime() - stopAt) / 1_000_000)
          .as("close() returns once the requests are done, well within the grace period")
          .isLessThan(5_000);
      for (Future<TestGateway.Reply> call : calls) {
        replies.add(call.get());
      }
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(HttpRequest.newBuilder(live).build(), BodyHandlers.discarding()))
          .as("a stopped node accepts nothing new")
          .isInstanceOf(ConnectException.class);
    }
    assertThat(replies).extracting(TestGateway.Reply::status).containsOnly(200);

    try (TestGateway again = TestGateway.start(dir, Clock.systemUTC(), slowUpstream)) {
      for (TestGateway.Reply reply : replies) {
        TestGateway.Reply row =
            again.admin("GET", "/admin/v1/requests/" + reply.header("X-Request-Id"), null);
        assertThat(row.status()).isEqualTo(200);
        JsonNode r = row.json();
        assertThat(r.get("status").asInt()).isEqualTo(200);
        assertThat(r.get("charged").asInt()).isEqualTo(1);
      }
      assertThat(again.balance(account)).isEqualTo(100 - IN_FLIGHT);
    }
  }
}
