package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.sdk.NotesPage;
import dev.xhsopenapi.sdk.RetryPolicy;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.Clocks;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code usage} for a customer key against a real gateway, with the credit headers the SDK reads
 * from the charged calls it is checked against.
 */
class UsageCommandTest {
  private static final String USER = SimDataset.generate(1).users().get(0).userId();

  /** The gateway's day, whenever the test runs: its usage is counted by UTC day. */
  private static final String TODAY = "2026-11-01";

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .clock(Clocks.runningFrom(Instant.parse(TODAY + "T08:00:00Z")))
          .credits(50)
          .build();

  private Cli.Result usage(String... args) {
    List<String> all = new ArrayList<>(List.of("usage"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", gw.baseUrl(), "--key", gw.key()));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void usage_listsTheChargedCalls_asTableAndCsv() {
    NotesPage first;
    NotesPage second;
    try (XhsOpenApiClient client =
        XhsOpenApiClient.builder()
            .baseUrl(gw.baseUrl())
            .apiKey(gw.key())
            .retryPolicy(RetryPolicy.NONE)
            .build()) {
      first = client.page(USER, "");
      second = client.page(USER, "");
    }
    long price = first.creditsCharged().orElseThrow();
    assertThat(price).isPositive();
    assertThat(first.creditsRemaining()).hasValue(50 - price);
    assertThat(second.creditsRemaining())
        .hasValue(50 - price - second.creditsCharged().orElseThrow());
    assertThat(gw.balance()).isEqualTo(second.creditsRemaining().orElseThrow());
    long charged = 50 - gw.balance();

    Cli.Result table = usage("--from", TODAY, "--to", TODAY);
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out())
        .containsPattern("(?m)^charged +" + charged + "$")
        .containsPattern("(?m)^DAY +ENDPOINT +KEY_ID +CALLS +CHARGED$")
        .containsPattern("(?m)^" + TODAY + " +xhs-get-user-notes +key_\\S+ +2 +" + charged + "$");

    Cli.Result csv = usage("--csv");
    assertThat(csv.exit()).as(csv.toString()).isZero();
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("day,endpoint,key_id,calls,charged");
    assertThat(lines).anyMatch(l -> l.matches(TODAY + ",xhs-get-user-notes,key_\\S+,2," + charged));
  }

  @Test
  void usage_refusals_exitNonZero() {
    Cli.Result badDay = usage("--from", "yesterday");
    assertThat(badDay.exit()).isEqualTo(2);
    assertThat(badDay.err()).contains("--from must be a UTC day as YYYY-MM-DD");

    Cli.Result backwards = usage("--from", "2026-11-02", "--to", "2026-11-01");
    assertThat(backwards.exit()).isEqualTo(2);
    assertThat(backwards.err()).contains("400");

    Cli.Result badKey =
        Cli.run("usage", "--base-url", gw.baseUrl(), "--key", "sk_live_" + "0".repeat(32));
    assertThat(badKey.exit()).isEqualTo(3);

    Cli.Result noKey = Cli.run("usage", "--base-url", gw.baseUrl(), "--key", "");
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("no API key");
  }
}
