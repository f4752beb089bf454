package dev.xhsopenapi.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.CreatedWatch;
import dev.xhsopenapi.sdk.NewWatch;
import dev.xhsopenapi.sdk.NotFoundException;
import dev.xhsopenapi.sdk.Watch;
import dev.xhsopenapi.sdk.WatchEvent;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's watch calls against a real gateway over the in-process simulator. */
class SdkWatchesTest {
  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .settings(Map.of("watches.tick-ms", "20", "upstream.cache.ttl-s", "0"))
          .ratePerMinute(100_000)
          .build();

  @Test
  void aWatchMadeWithTheSdk_reportsAPostedNote_andCanBeDeleted() {
    String creator = gw.sampleUser().userId();
    try (XhsOpenApiClient client =
        XhsOpenApiClient.builder().baseUrl(gw.baseUrl()).apiKey(gw.key()).build()) {
      CreatedWatch created =
          client.watches().create(NewWatch.builder(creator).interval(Duration.ofHours(1)).build());
      String id = created.watch().id();
      assertThat(created.secret()).startsWith("whsec_");
      Watch baseline =
          Eventually.until(
              "the baseline",
              Duration.ofSeconds(20),
              () -> client.watches().get(id),
              w -> w.lastPollAt().isPresent());
      assertThat(client.watches().list()).extracting(Watch::id).containsExactly(id);

      String noteId =
          gw.adminOk("POST", "/admin/v1/sim/users/" + creator + "/notes", Map.of())
              .path("note")
              .path("id")
              .asText();
      client.watches().pollNow(id);
      List<WatchEvent> events =
          Eventually.until(
              "the new note's event",
              Duration.ofSeconds(20),
              () -> client.watches().events(id).toList(),
              e -> !e.isEmpty());
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().note())
          .hasValueSatisfying(n -> assertThat(n.id()).isEqualTo(noteId));
      assertThat(baseline.lastPollAt()).isPresent();

      client.watches().delete(id);
      NotFoundException gone =
          catchThrowableOfType(NotFoundException.class, () -> client.watches().get(id));
      assertThat(gone.error()).isEqualTo("watch_not_found");
    }
  }
}
