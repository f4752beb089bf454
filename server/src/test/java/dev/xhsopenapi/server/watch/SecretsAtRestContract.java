package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.CreatorTimelines;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook signing secrets at rest ({@code webhooks.secret-key}), end to end over the API, on every
 * engine: what the store holds is not the secret, deliveries are still signed with the secret shown
 * at creation, and a node that cannot open a secret records why instead of delivering.
 */
abstract class SecretsAtRestContract {
  private static final String CREATOR = "5a1b2c3d4e5f60718293a4b5";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final CreatorTimelines timelines = new CreatorTimelines(10);
  private final String key = SecretBoxTest.newKey();
  private WebhookReceiver receiver;
  private TestGateway gw;

  /** Settings that put the gateway on the engine under test (empty: SQLite under the data dir). */
  abstract Map<String, String> storeSettings(Path dataDir);

  /**
   * The first column of the row {@code sql} selects with {@code id}, read straight from the store.
   */
  abstract String column(Path dataDir, String sql, String id);

  @BeforeEach
  void startReceiver() {
    timelines.creator(CREATOR, 5, 0);
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
    receiver.close();
    closeStore();
  }

  /** Drops what {@link #storeSettings} made, once the node is closed. */
  void closeStore() {}

  /** Starts a node over the store with {@code secretKey} (null: none). */
  private TestGateway start(String secretKey) {
    Map<String, String> more = new LinkedHashMap<>(storeSettings(dir));
    // Retries stay quick however many attempts have failed.
    more.put("webhooks.retry-max-s", "1");
    // A delivery leased by a node that stops is free again soon (the timeout + 5 s).
    more.put("webhooks.timeout-ms", "1000");
    if (secretKey != null) {
      more.put("webhooks.secret-key", secretKey);
    }
    return TestGateway.start(
        dir.resolve("node"),
        Clock.systemUTC(),
        WatchClient.quickSettings(more),
        List.of(timelines));
  }

  @Test
  void withAKey_theStoreHoldsNoSecret_andDeliveriesVerifyWithTheSecretShownOnce() throws Exception {
    gw = start(key);
    String account = gw.createAccount("watcher", 100, 100_000);
    WatchClient watches = new WatchClient(gw, gw.createKey(account));
    JsonNode watch = watches.create(WatchClient.body(CREATOR, receiver.url("/watch")));
    String watchId = watch.path("watch_id").asText();
    String secret = watch.path("secret").asText();
    assertThat(secret).startsWith("whsec_");

    String stored = column(dir, "SELECT secret FROM watches WHERE watch_id = ?", watchId);
    assertThat(stored)
        .startsWith("enc:v1:")
        .doesNotContain(secret)
        .doesNotContain(secret.substring("whsec_".length()));
    assertThat(SecretBox.fromSetting(key).open(stored, watchId)).isEqualTo(secret);

    watches.awaitFirstPoll(watchId);
    String note = timelines.post(CREATOR, "signed");
    watches.poll(watchId);
    WebhookReceiver.Received got =
        Eventually.until("the delivery", WAIT, receiver::received, r -> !r.isEmpty()).getFirst();
    assertThat(got.body()).contains(note);
    assertSigned(secret, got);
  }

  @Test
  void withAKey_aRolledSecretIsStoredSealed_andTheReplacedOneKeptSealed() throws Exception {
    gw = start(key);
    String account = gw.createAccount("roller", 100, 100_000);
    WatchClient watches = new WatchClient(gw, gw.createKey(account));
    JsonNode watch = watches.create(WatchClient.body(CREATOR, receiver.url("/watch")));
    String watchId = watch.path("watch_id").asText();
    String first = watch.path("secret").asText();
    String sealedFirst = column(dir, "SELECT secret FROM watches WHERE watch_id = ?", watchId);

    TestGateway.Reply rolled =
        watches.call(
            "POST",
            "/openapi/v1/watches/" + watchId + "/roll_secret",
            Map.of("expire_old_in_s", 3600));
    assertThat(rolled.status()).as(rolled.body()).isEqualTo(200);
    String secret = rolled.json().path("data").path("secret").asText();
    String stored = column(dir, "SELECT secret FROM watches WHERE watch_id = ?", watchId);
    assertThat(stored).startsWith("enc:v1:").doesNotContain(secret.substring("whsec_".length()));
    assertThat(SecretBox.fromSetting(key).open(stored, watchId)).isEqualTo(secret);
    String old = column(dir, "SELECT old_secret FROM watches WHERE watch_id = ?", watchId);
    assertThat(old).isEqualTo(sealedFirst).startsWith("enc:v1:");
    assertThat(SecretBox.fromSetting(key).open(old, watchId)).isEqualTo(first);

    // A roll without a grace period drops the replaced secret.
    watches.call("POST", "/openapi/v1/watches/" + watchId + "/roll_secret", null);
    assertThat(column(dir, "SELECT old_secret FROM watches WHERE watch_id = ?", watchId)).isNull();
  }

  @Test
  void withAKey_anAccountsSecretIsStoredSealed_keptAsItIs_andSignsItsOwnEvents() throws Exception {
    gw = start(key);
    String account = gw.createAccount("low", 5, 300);
    JsonNode patched =
        gw.adminOk(
            "PATCH",
            "/admin/v1/accounts/" + account,
            Map.of("low_balance_threshold", 3, "webhook_url", receiver.url("/account")));
    String secret = patched.path("webhook_secret").asText();
    assertThat(secret).startsWith("whsec_");
    String sql = "SELECT webhook_secret FROM accounts WHERE account_id = ?";
    String stored = column(dir, sql, account);
    assertThat(stored).startsWith("enc:v1:").doesNotContain(secret.substring("whsec_".length()));
    assertThat(SecretBox.fromSetting(key).open(stored, account)).isEqualTo(secret);

    // Another change that keeps the URL keeps the stored secret as it is: not sealed again.
    gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("daily_credit_cap", 1000));
    assertThat(column(dir, sql, account)).isEqualTo(stored);

    // Three polls of one page each spend 3 of the 5 credits: the balance crosses under 3.
    WatchClient watches = new WatchClient(gw, gw.createKey(account));
    String watchId = watches.create(WatchClient.body(CREATOR, null)).path("watch_id").asText();
    watches.awaitFirstPoll(watchId);
    watches.poll(watchId);
    watches.poll(watchId);
    assertThat(gw.balance(account)).isEqualTo(2);
    WebhookReceiver.Received got =
        Eventually.until("the low-balance event", WAIT, receiver::received, r -> !r.isEmpty())
            .getFirst();
    assertThat(got.body()).contains("\"type\":\"account.low_balance\"");
    assertSigned(secret, got);
  }

  @Test
  void aNodeWithoutTheKey_orWithAnother_recordsWhyAndRetries_andTheKeyedNodeDeliversLater()
      throws Exception {
    gw = start(key);
    String account = gw.createAccount("watcher", 100, 100_000);
    String apiKey = gw.createKey(account);
    JsonNode watch =
        new WatchClient(gw, apiKey).create(WatchClient.body(CREATOR, receiver.url("/watch")));
    String watchId = watch.path("watch_id").asText();
    String secret = watch.path("secret").asText();
    new WatchClient(gw, apiKey).awaitFirstPoll(watchId);
    gw.close();
    gw = null;

    gw = start(null);
    WatchClient watches = new WatchClient(gw, apiKey);
    timelines.post(CREATOR, "unsigned");
    watches.poll(watchId);
    String eventId = watches.events(watchId).getFirst().path("event_id").asText();
    List<WatchStore.AttemptRow> failed = awaitFailedAttempts(eventId, 2);
    assertThat(failed)
        .extracting(WatchStore.AttemptRow::error)
        .containsOnly(
            "the webhook secret is encrypted and webhooks.secret-key is missing on this node");
    assertThat(failed).extracting(WatchStore.AttemptRow::httpStatus).containsOnlyNulls();
    assertThat(watches.events(watchId).getFirst().path("delivery").path("status").asText())
        .isEqualTo("pending");
    gw.close();
    gw = null;

    gw = start(SecretBoxTest.newKey());
    int before = gw.gateway().watches().attempts(eventId).size();
    List<WatchStore.AttemptRow> other = awaitFailedAttempts(eventId, before + 1);
    assertThat(other.getLast().error())
        .startsWith("the webhook secret is encrypted and webhooks.secret-key is different");
    gw.close();
    gw = null;
    // Nothing reached the receiver unsigned, or signed with anything but the secret.
    assertThat(receiver.received()).isEmpty();

    gw = start(key);
    WebhookReceiver.Received got =
        Eventually.until("the delivery", WAIT, receiver::received, r -> !r.isEmpty()).getFirst();
    assertThat(got.header("XHS-Openapi-Event-Id")).isEqualTo(eventId);
    assertSigned(secret, got);
    List<WatchStore.AttemptRow> attempts =
        Eventually.until(
            "the delivered attempt recorded",
            WAIT,
            () -> gw.gateway().watches().attempts(eventId),
            a -> !a.isEmpty() && a.getLast().httpStatus() != null);
    assertThat(attempts.getLast().httpStatus()).isEqualTo(200);
  }

  private List<WatchStore.AttemptRow> awaitFailedAttempts(String eventId, int count) {
    return Eventually.until(
        count + " failed attempts of " + eventId,
        WAIT,
        () -> gw.gateway().watches().attempts(eventId),
        a -> a.size() >= count);
  }

  private static void assertSigned(String secret, WebhookReceiver.Received r) throws Exception {
    String header = r.header("XHS-Openapi-Signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    String t = header.substring(2, header.indexOf(','));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(header).isEqualTo("t=" + t + ",v1=" + expected);
  }
}
