package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.Clocks;
import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling a watch's signing secret: deliveries are signed with the new secret from then on, and
 * during a grace period also with the one it replaced, until the (test) clock passes its expiry.
 */
class WatchSecretRollTest {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern V1 = Pattern.compile("v1=([0-9a-f]+)");

  @TempDir Path dir;
  private final CreatorTimelines timelines = new CreatorTimelines(10);
  private final Clocks.Movable clock = Clocks.movable();
  private WebhookReceiver receiver;
  private TestGateway gw;
  private String account;
  private WatchClient watches;

  @BeforeEach
  void start() {
    timelines.creator(CREATOR, 3, 0);
    receiver = WebhookReceiver.start();
    gw = TestGateway.start(dir, clock, WatchClient.quickSettings(Map.of()), List.of(timelines));
    account = gw.createAccount("roller", 100, 100_000);
    watches = new WatchClient(gw, gw.createKey(account));
  }

  @AfterEach
  void stop() {
    gw.close();
    receiver.close();
  }

  @Test
  void aRoll_signsTheNextDeliveryWithTheNewSecretOnly_andIsFree() throws Exception {
    JsonNode watch = watches.create(WatchClient.body(CREATOR, receiver.url("/hook")));
    String watchId = watch.path("watch_id").asText();
    String oldSecret = watch.path("secret").asText();
    watches.awaitFirstPoll(watchId);
    long balance = gw.balance(account);

    TestGateway.Reply r = roll(watchId, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("request_id").asText()).isNotEmpty();
    JsonNode data = r.json().path("data");
    assertThat(data.path("watch_id").asText()).isEqualTo(watchId);
    String secret = data.path("secret").asText();
    assertThat(secret).startsWith("whsec_").isNotEqualTo(oldSecret);
    assertThat(data.has("old_secret_expires_at")).isTrue();
    assertThat(data.path("old_secret_expires_at").isNull()).isTrue();
    assertThat(gw.balance(account)).isEqualTo(balance);
    // The secret is not shown again.
    assertThat(watches.get(watchId).has("secret")).isFalse();

    timelines.post(CREATOR, "after the roll");
    watches.poll(watchId);
    WebhookReceiver.Received got = awaitDeliveries(1).getFirst();
    String header = got.header("XHS-Openapi-Signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    assertThat(signatures(header)).containsExactly(sign(secret, header, got));
    assertThat(signatures(header)).doesNotContain(sign(oldSecret, header, got));

    // An empty JSON object is the same as no body.
    TestGateway.Reply again = roll(watchId, "{}");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().path("data").path("secret").asText())
        .startsWith("whsec_")
        .isNotEqualTo(secret);
  }

  @Test
  void aGracePeriod_signsWithBothSecrets_untilItEnds() throws Exception {
    JsonNode watch = watches.create(WatchClient.body(CREATOR, receiver.url("/hook")));
    String watchId = watch.path("watch_id").asText();
    String oldSecret = watch.path("secret").asText();
    watches.awaitFirstPoll(watchId);

    Instant before = clock.instant();
    TestGateway.Reply r = roll(watchId, Map.of("expire_old_in_s", 600));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String secret = r.json().path("data").path("secret").asText();
    Instant expires = Instant.parse(r.json().path("data").path("old_secret_expires_at").asText());
    assertThat(expires).isBetween(before.plusSeconds(600), clock.instant().plusSeconds(600));

    timelines.post(CREATOR, "during the grace period");
    watches.poll(watchId);
    WebhookReceiver.Received during = awaitDeliveries(1).getFirst();
    String header = during.header("XHS-Openapi-Signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    assertThat(signatures(header))
        .containsExactly(sign(secret, header, during), sign(oldSecret, header, during));

    clock.advance(Duration.ofSeconds(601));
    timelines.post(CREATOR, "after the grace period");
    watches.poll(watchId);
    WebhookReceiver.Received after = awaitDeliveries(2).get(1);
    assertThat(after.body()).contains("after the grace period");
    String later = after.header("XHS-Openapi-Signature");
    assertThat(later).matches("t=\\d+,v1=[0-9a-f]{64}");
    assertThat(signatures(later)).containsExactly(sign(secret, later, after));
  }

  @Test
  void badBodies_areRefusedNamingTheField_andLeaveTheSecretAsItWas() throws Exception {
    JsonNode watch = watches.create(WatchClient.body(CREATOR, receiver.url("/hook")));
    String watchId = watch.path("watch_id").asText();
    String secret = watch.path("secret").asText();
    watches.awaitFirstPoll(watchId);
    long balance = gw.balance(account);

    assertThat(error(roll(watchId, Map.of("expire_old_in_s", -1)), 400))
        .contains("expire_old_in_s")
        .contains("0 to 86400");
    assertThat(error(roll(watchId, Map.of("expire_old_in_s", 86_401)), 400))
        .contains("expire_old_in_s");
    assertThat(error(roll(watchId, Map.of("expire_old_in_s", "soon")), 400))
        .contains("expire_old_in_s");
    assertThat(error(roll(watchId, "{not json"), 400)).contains("not valid JSON");
    assertThat(error(roll("wch_nope", null), 404)).contains("watch_not_found");
    assertThat(gw.balance(account)).isEqualTo(balance);

    // Deliveries are still signed with the secret shown at creation.
    timelines.post(CREATOR, "not rolled");
    watches.poll(watchId);
    WebhookReceiver.Received got = awaitDeliveries(1).getFirst();
    String header = got.header("XHS-Openapi-Signature");
    assertThat(signatures(header)).containsExactly(sign(secret, header, got));
  }

  private TestGateway.Reply roll(String watchId, Object body) {
    return watches.call("POST", "/openapi/v1/watches/" + watchId + "/roll_secret", body);
  }

  private List<WebhookReceiver.Received> awaitDeliveries(int n) {
    return Eventually.until(n + " deliveries", WAIT, receiver::received, r -> r.size() >= n);
  }

  private static String error(TestGateway.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.path("request_id").asText()).isNotEmpty();
    return body.path("error").asText() + ": " + body.path("message").asText();
  }

  /** The {@code v1} values of a signature header, in order. */
  private static List<String> signatures(String header) {
    List<String> out = new ArrayList<>();
    Matcher m = V1.matcher(header);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** What {@code secret} signs for the header's timestamp and the received body. */
  private static String sign(String secret, String header, WebhookReceiver.Received r)
      throws Exception {
    String t = header.substring(2, header.indexOf(','));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of()
        .formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
  }
}
