package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.WatchSettings;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A delivery whose secret the node cannot open is never signed: each attempt fails with the cause
 * recorded and is retried, and the node warns of it at most once a minute, naming neither the
 * secret nor the key.
 */
class UnreadableSecretTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final String SECRET = "whsec_0123456789abcdefghijABCDEFGHIJkl";
  private static final String WATCH = "wch_aaaaaaaaaaaaaaaaaaaa";

  private final String key = SecretBoxTest.newKey();
  private final String sealed = SecretBox.fromSetting(key).seal(SECRET, WATCH);
  private final List<WatchStore.Attempt> recorded = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final MovableClock clock = new MovableClock(T0);
  private WebhookReceiver receiver;
  private HttpClient http;

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start();
    http = HttpClient.newHttpClient();
    lines.start();
    logger().addAppender(lines);
  }

  @AfterEach
  void stop() {
    logger().detachAppender(lines);
    http.close();
    receiver.close();
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(WebhookSender.class);
  }

  private WebhookSender sender(String secretKey) {
    Map<String, String> flags =
        secretKey == null
            ? Map.of("webhooks.allow-private", "true")
            : Map.of("webhooks.allow-private", "true", "webhooks.secret-key", secretKey);
    WatchSettings settings = ConfigLoader.load(flags, Map.of(), null).watches();
    WatchStore store =
        (WatchStore)
            Proxy.newProxyInstance(
                WatchStore.class.getClassLoader(),
                new Class<?>[] {WatchStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("recordAttempt")) {
                    recorded.add((WatchStore.Attempt) args[2]);
                    return true;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return new WebhookSender(store, settings, http, clock, WatchMetrics.NONE);
  }

  private WatchStore.Delivery delivery(String eventId, String secret, int attempt) {
    return new WatchStore.Delivery(
        eventId, WATCH, receiver.url("/hook"), secret, WATCH, "{}", attempt, T0);
  }

  private List<ILoggingEvent> warnings() {
    return lines.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }

  @Test
  void withoutTheKey_eachAttemptFailsWithTheCause_isRetried_andIsLoggedOnceAMinute()
      throws Exception {
    WebhookSender sender = sender(null);
    sender.deliver("node", delivery("evt_1", sealed, 1));
    sender.deliver("node", delivery("evt_1", sealed, 2));
    sender.deliver("node", delivery("evt_2", sealed, 1));
    assertThat(recorded)
        .extracting(WatchStore.Attempt::error)
        .containsOnly(
            "the webhook secret is encrypted and webhooks.secret-key is missing on this node");
    assertThat(recorded).extracting(WatchStore.Attempt::httpStatus).containsOnlyNulls();
    assertThat(recorded)
        .extracting(WatchStore.Attempt::outcome)
        .containsOnly(DeliveryStatus.PENDING);
    assertThat(recorded).allSatisfy(a -> assertThat(a.nextAttemptAtMs()).isGreaterThan(T0));
    assertThat(receiver.received()).isEmpty();
    assertThat(warnings()).hasSize(1);

    clock.advance(59_000);
    sender.deliver("node", delivery("evt_3", sealed, 1));
    assertThat(warnings()).hasSize(1);
    clock.advance(1_000);
    sender.deliver("node", delivery("evt_3", sealed, 2));
    assertThat(warnings()).hasSize(2);
    for (ILoggingEvent line : lines.list) {
      assertThat(line.getFormattedMessage())
          .doesNotContain(SECRET.substring("whsec_".length()))
          .doesNotContain(sealed.substring("enc:v1:".length()))
          .doesNotContain(key);
    }
  }

  @Test
  void withAnotherKey_theAttemptFailsSayingSo_whilePlainSecretsStillGo() throws Exception {
    WebhookSender sender = sender(SecretBoxTest.newKey());
    sender.deliver("node", delivery("evt_1", sealed, 1));
    assertThat(recorded.getFirst().error())
        .isEqualTo(
            "the webhook secret is encrypted and webhooks.secret-key is different from the key"
                + " that encrypted it (or the stored value was altered)");
    assertThat(receiver.received()).isEmpty();

    // A secret stored before the key was set is read as it is.
    sender.deliver("node", delivery("evt_2", SECRET, 1));
    assertThat(recorded.getLast().outcome()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void withTheKey_theSealedSecretSignsTheDelivery() throws Exception {
    WebhookSender sender = sender(key);
    sender.deliver("node", delivery("evt_1", sealed, 1));
    assertThat(recorded.getFirst().outcome()).isEqualTo(DeliveryStatus.DELIVERED);
    String header = receiver.received().getFirst().header(WebhookSender.SIGNATURE_HEADER);
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    assertThat(header)
        .isEqualTo(Signatures.header(SECRET, t, "{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(warnings()).isEmpty();
  }

  /** A clock that stands still until moved. */
  private static final class MovableClock extends Clock {
    private long millis;

    MovableClock(long millis) {
      this.millis = millis;
    }

    void advance(long ms) {
      millis += ms;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
