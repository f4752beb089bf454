package dev.xhsopenapi.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.cli.testing.ManualClock;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.RateLimit;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 429 handling, on a gateway and a client sharing a clock that only moves when the client waits:
 * another client of the same account takes every slot the walk leaves, so the walk's pacing is
 * always stale and meets 429s, which it waits out.
 */
class SdkRateLimitTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String ACCOUNT_PATH = "/openapi/v1/account";

  @TempDir Path dir;

  @Test
  void walk_whileAnotherClientTakesEverySlot_waitsOut429s_neverRefusedTwiceInARow() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-01T08:00:00Z"));
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of())) {
      String account = gw.createAccount("tight", 1_000, 3);
      String key = gw.createKey(account);
      String other = gw.createKey(account);
      List<Integer> statuses = new ArrayList<>();
      EventListener greedyNeighbour =
          new EventListener() {
            @Override
            public void answered(String path, int status, String requestId, RateLimit rateLimit) {
              statuses.add(status);
              if (status == 200) {
                for (int i = 0; i < rateLimit.remaining(); i++) {
                  assertThat(gw.get(ACCOUNT_PATH, "Bearer " + other).status()).isEqualTo(200);
                }
              }
            }
          };
      String user = DATASET.users().get(0).userId();
      try (XhsOpenApiClient client =
          XhsOpenApiClient.builder()
              .baseUrl(gw.baseUrl())
              .apiKey(key)
              .clock(clock)
              .sleeper(clock)
              .eventListener(greedyNeighbour)
              .build()) {

        List<String> walked = client.notes(user).map(n -> Dataset.write(n.raw())).toList();

        assertThat(walked).containsExactlyElementsOf(Dataset.noteLines(DATASET, user));
      }
      int pages = Dataset.pageCount(DATASET, user);
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(pages);
      assertThat(statuses).filteredOn(s -> s == 429).hasSize(pages - 1);
      for (int i = 1; i < statuses.size(); i++) {
        assertThat(statuses.get(i - 1) == 429 && statuses.get(i) == 429)
            .as("answers %d and %d both refused: %s", i - 1, i, statuses)
            .isFalse();
      }
      assertThat(gw.balance(account)).isEqualTo(1_000 - pages);
    }
  }
}
