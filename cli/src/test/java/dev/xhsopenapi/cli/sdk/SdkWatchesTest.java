package dev.xhsopenapi.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.CreatedWatch;
import dev.xhsopenapi.sdk.NewWatch;
import dev.xhsopenapi.sdk.NotFoundException;
import dev.xhsopenapi.sdk.RolledSecret;
import dev.xhsopenapi.sdk.Watch;
import dev.xhsopenapi.sdk.WatchEvent;
import dev.xhsopenapi.sdk.WebhookSignatureException;
import dev.xhsopenapi.sdk.Webhooks;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.server.testing.WebhookReceiver;
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
          .settings(
              Map.of(
                  "watches.tick-ms",
                  "20",
                  "upstream.cache.ttl-s",
                  "0",
                  "webhooks.allow-private",
                  "true"))
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

  @Test
  void aRolledSecret_signsTheNextDelivery_besideTheOldOneOnlyDuringItsGracePeriod() {
    String creator = gw.sampleUser().userId();
    try (WebhookReceiver receiver = WebhookReceiver.start();
        XhsOpenApiClient client =
            XhsOpenApiClient.builder().baseUrl(gw.baseUrl()).apiKey(gw.key()).build()) {
      CreatedWatch created =
          client
              .watches()
              .create(
                  NewWatch.builder(creator)
                      .url(receiver.url("/hook"))
                      .interval(Duration.ofHours(1))
                      .build());
      String id = created.watch().id();
      Eventually.until(
          "the baseline",
          Duration.ofSeconds(20),
          () -> client.watches().get(id),
          w -> w.lastPollAt().isPresent());

      RolledSecret graced = client.watches().rollSecret(id, Duration.ofHours(1));
      assertThat(graced.watchId()).isEqualTo(id);
      assertThat(graced.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
      assertThat(graced.oldSecretExpiresAt()).isPresent();
      WebhookReceiver.Received during = deliveryAfterANewNote(client, receiver, creator, id, 1);
      String header = during.header(Webhooks.SIGNATURE_HEADER);
      Webhooks.verify(graced.secret(), header, during.body(), Webhooks.DEFAULT_TOLERANCE);
      Webhooks.verify(created.secret(), header, during.body(), Webhooks.DEFAULT_TOLERANCE);

      RolledSecret now = client.watches().rollSecret(id, null);
      assertThat(now.oldSecretExpiresAt()).isEmpty();
      WebhookReceiver.Received after = deliveryAfterANewNote(client, receiver, creator, id, 2);
      String later = after.header(Webhooks.SIGNATURE_HEADER);
      Webhooks.verify(now.secret(), later, after.body(), Webhooks.DEFAULT_TOLERANCE);
      assertThatThrownBy(
              () ->
                  Webhooks.verify(graced.secret(), later, after.body(), Webhooks.DEFAULT_TOLERANCE))
          .isInstanceOf(WebhookSignatureException.class);
    }
  }

  private WebhookReceiver.Received deliveryAfterANewNote(
      XhsOpenApiClient client, WebhookReceiver receiver, String creator, String id, int n) {
    gw.adminOk("POST", "/admin/v1/sim/users/" + creator + "/notes", Map.of());
    client.watches().pollNow(id);
    return Eventually.until(
            "delivery " + n, Duration.ofSeconds(20), receiver::received, r -> r.size() >= n)
        .get(n - 1);
  }
}
