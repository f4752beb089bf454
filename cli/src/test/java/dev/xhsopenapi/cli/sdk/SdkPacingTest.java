package dev.xhsopenapi.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.RateLimit;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing in real time: a walk longer than the account's limit waits for slots instead of meeting
 * 429s. Takes about a minute, by design: the only test here that waits for a real window.
 */
class SdkPacingTest {
  private static final String USER_300 = "611f9e7800000002542ec9fb";

  @TempDir Path dir;

  @Test
  @Timeout(240)
  void walkOf30Pages_atTwentyPerMinute_completesWithoutA429() {
    SimDataset dataset = SimDataset.generate(1);
    assertThat(dataset.user(USER_300)).hasValueSatisfying(u -> assertThat(u.notes()).hasSize(300));
    try (TestGateway gw = TestGateway.start(dir, Map.of())) {
      String account = gw.createAccount("paced", 1_000, 20);
      List<Integer> statuses = new CopyOnWriteArrayList<>();
      long started = System.nanoTime();
      try (XhsOpenApiClient client =
          XhsOpenApiClient.builder()
              .baseUrl(gw.baseUrl())
              .apiKey(gw.createKey(account))
              .eventListener(
                  new EventListener() {
                    @Override
                    public void answered(String path, int status, String id, RateLimit limit) {
                      statuses.add(status);
                    }
                  })
              .build()) {

        List<String> walked = client.notes(USER_300).map(n -> Dataset.write(n.raw())).toList();

        assertThat(walked).containsExactlyElementsOf(Dataset.noteLines(dataset, USER_300));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf(
          "300-note walk at 20/min: %d pages in %.1f s%n",
          statuses.size(), took.toMillis() / 1000.0);
      assertThat(statuses).hasSize(30).containsOnly(200);
      assertThat(gw.callsByStatus(account).has("429")).isFalse();
      assertThat(gw.balance(account)).isEqualTo(1_000 - 30);
    }
  }
}
