package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.sdk.WebhookSignatureException;
import dev.xhsopenapi.sdk.Webhooks;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's story: a watch on a creator of the in-process simulator, a note posted through the
 * admin API, a poll, exactly one signed {@code note.created} at the receiver, the same event in the
 * events listing, and the account charged exactly the pages the polls fetched.
 */
class WatchDemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aPostedNote_reachesTheReceiverOnce_signed_listed_andPaidPageByPage() throws Exception {
    try (TestGateway gw =
            TestGateway.start(
                dir,
                Map.of(
                    "demo", "true",
                    "upstream.chain", "sim",
                    "watches.tick-ms", "20"));
        WebhookReceiver receiver = WebhookReceiver.start()) {
      String account = gw.createAccount("demo-watcher", 1000, 100_000);
      WatchClient client = new WatchClient(gw, gw.createKey(account));
      String creator = gw.sampleUser().userId();
      JsonNode created = client.create(WatchClient.body(creator, receiver.url("/xhs")));
      String watchId = created.path("watch_id").asText();
      String secret = created.path("secret").asText();
      JsonNode baseline = client.awaitFirstPoll(watchId);
      assertThat(baseline.path("notes_seen").asLong()).isPositive();
      assertThat(client.events(watchId)).isEmpty();

      TestGateway.Reply posted =
          gw.admin("POST", "/admin/v1/sim/users/" + creator + "/notes", Map.of("title", "刚发的笔记"));
      assertThat(posted.status()).as(posted.body()).isEqualTo(201);
      String noteId = posted.json().path("note").path("id").asText();
      client.poll(watchId);

      // Delivered means the receiver answered; a duplicate would have come before that.
      Eventually.until(
          "the event delivered",
          Duration.ofSeconds(20),
          () -> client.events(watchId),
          e ->
              e.size() == 1
                  && e.getFirst().path("delivery").path("status").asText().equals("delivered"));
      List<WebhookReceiver.Received> got = receiver.received();
      assertThat(got).hasSize(1);
      JsonNode event = JSON.readTree(got.getFirst().body());
      assertThat(event.path("type").asText()).isEqualTo("note.created");
      assertThat(event.path("data").path("note").path("id").asText()).isEqualTo(noteId);
      assertThat(event.path("data").path("note").path("display_title").asText()).isEqualTo("刚发的笔记");
      assertThat(independentHmacAccepts(secret, got.getFirst())).isTrue();
      // The SDK's check, as a customer's receiver runs it, accepts it too (and not a forgery).
      Webhooks.verify(
          secret,
          got.getFirst().header(Webhooks.SIGNATURE_HEADER),
          got.getFirst().body(),
          Webhooks.DEFAULT_TOLERANCE);
      assertThatThrownBy(
              () ->
                  Webhooks.verify(
                      "whsec_" + "x".repeat(32),
                      got.getFirst().header(Webhooks.SIGNATURE_HEADER),
                      got.getFirst().body(),
                      Webhooks.DEFAULT_TOLERANCE))
          .isInstanceOf(WebhookSignatureException.class);
      assertThat(client.events(watchId).getFirst().path("event_id").asText())
          .isEqualTo(event.path("event_id").asText());

      // Every credit the account lost is a page a poll fetched: one log row of the watch each.
      long pages = chargedPagesOf(gw, watchId, 1000 - gw.balance(account));
      assertThat(pages).isGreaterThanOrEqualTo(2);
      TestGateway.Reply unknown =
          gw.admin("POST", "/admin/v1/sim/users/000000000000000000000000/notes", null);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().path("error").asText()).isEqualTo("user_not_found");
    }
  }

  @Test
  void simulatedPosts_needTheInProcessSimulator() {
    try (TestGateway gw =
        TestGateway.start(
            dir,
            Map.of(
                "upstream.chain",
                "relay",
                "upstream.relay.base-url",
                "http://127.0.0.1:9",
                "upstream.relay.api-key",
                "k"))) {
      TestGateway.Reply r =
          gw.admin("POST", "/admin/v1/sim/users/5a1b2c3d4e5f60718293a4b5/notes", null);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.json().path("message").asText()).contains("simulator");
    }
  }

  private static boolean independentHmacAccepts(String secret, WebhookReceiver.Received r)
      throws Exception {
    String header = r.header("XHS-Openapi-Signature");
    String t = header.substring(header.indexOf("t=") + 2, header.indexOf(','));
    String v1 = header.substring(header.indexOf("v1=") + 3);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(expected).equals(v1)
        && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 300;
  }

  /** The credits the watch's polls were charged, summed from the request log once it is written. */
  private static long chargedPagesOf(TestGateway gw, String watchId, long spent) {
    return Eventually.until(
        "the poll rows in the request log",
        Duration.ofSeconds(20),
        () ->
            gw.gateway()
                .database()
                .transaction(
                    "summing",
                    c -> {
                      try (PreparedStatement s =
                          c.prepareStatement(
                              "SELECT COUNT(*), COALESCE(SUM(charged), 0) FROM request_log WHERE"
                                  + " watch_id = ?")) {
                        s.setString(1, watchId);
                        try (ResultSet rs = s.executeQuery()) {
                          rs.next();
                          return new long[] {rs.getLong(1), rs.getLong(2)};
                        }
                      }
                    }),
        rows -> rows[0] == spent && rows[1] == spent)[1];
  }
}
