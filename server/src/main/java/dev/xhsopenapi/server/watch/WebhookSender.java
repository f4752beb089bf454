package dev.xhsopenapi.server.watch;

import dev.xhsopenapi.server.config.WatchSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of one event (DESIGN §12): {@code POST} the event JSON to the watch's URL
 * (or, for an account's own event, DESIGN §14, to the account's), signed ({@link Signatures}), with
 * {@code XHS-Openapi-Event-Id} so that receivers can drop repeats. A 2xx delivers it. Anything else
 * — another status, a redirect (never followed: it could lead to a private address), no answer
 * within {@code webhooks.timeout-ms}, a URL that has come to resolve to a private address — is
 * retried after {@code webhooks.retry-initial-ms}, doubled per attempt up to {@code
 * webhooks.retry-max-s}, with ±10 % jitter, until {@code webhooks.retry-for-s} after the event; the
 * attempt at that time that fails marks the delivery failed. Every attempt is recorded.
 *
 * <p>The secret is opened here, just before signing ({@link SecretBox}). A sealed secret this node
 * cannot open (no {@code webhooks.secret-key}, or another one) is never used to sign: the attempt
 * fails with that cause recorded and is retried like any other failure, and the node warns about it
 * at most once a minute.
 */
final class WebhookSender {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  /** The header that carries the event id. */
  static final String EVENT_ID_HEADER = "XHS-Openapi-Event-Id";

  /** The header that carries the signature. */
  static final String SIGNATURE_HEADER = "XHS-Openapi-Signature";

  /** The least time between two warnings of secrets this node cannot open. */
  private static final long UNREADABLE_WARN_EVERY_MS = 60_000;

  private final WatchStore store;
  private final WatchSettings settings;
  private final Destinations destinations;
  private final HttpClient http;
  private final Clock clock;
  private final WatchMetrics metrics;
  private final SecretBox secrets;

  /** When the node last warned of a secret it cannot open (epoch ms; MIN_VALUE: never). */
  private final AtomicLong unreadableWarnedAt = new AtomicLong(Long.MIN_VALUE);

  WebhookSender(
      WatchStore store,
      WatchSettings settings,
      HttpClient http,
      Clock clock,
      WatchMetrics metrics) {
    this.store = store;
    this.settings = settings;
    this.destinations = new Destinations(settings.allowPrivate());
    this.http = http;
    this.clock = clock;
    this.metrics = metrics;
    this.secrets = settings.secrets();
  }

  /**
   * Makes the attempt and records it.
   *
   * @throws InterruptedException when the node stops mid-attempt: nothing is recorded, and the
   *     delivery is attempted again (with the same event id) once its lease is free
   */
  void deliver(String node, WatchStore.Delivery delivery) throws InterruptedException {
    long start = clock.millis();
    long startNanos = System.nanoTime();
    Integer status = null;
    String error = null;
    try {
      if (delivery.url() == null) {
        // An account that removed its webhook URL after the event: retried until it sets one.
        throw new Destinations.RefusedUrl("the account has no webhook URL");
      }
      URI uri = destinations.check(delivery.url());
      String secret = secrets.open(delivery.secret(), delivery.secretOwner());
      String oldSecret =
          delivery.oldSecretSigns(start)
              ? secrets.open(delivery.oldSecret(), delivery.secretOwner())
              : null;
      byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(settings.deliveryTimeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "xhs-openapi-webhooks/1")
              .header(EVENT_ID_HEADER, delivery.eventId())
              .header(
                  SIGNATURE_HEADER,
                  Signatures.header(secret, oldSecret, Math.floorDiv(start, 1000), body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Destinations.RefusedUrl e) {
      error = e.getMessage();
    } catch (SecretBox.Unreadable e) {
      error = e.getMessage();
      warnUnreadable(delivery, e, start);
    } catch (HttpTimeoutException e) {
      error = "no answer within " + settings.deliveryTimeout().toMillis() + " ms";
    } catch (IOException e) {
      error = "could not reach the receiver: " + e;
    } catch (IllegalArgumentException e) {
      error = "the URL cannot be called: " + e.getMessage();
    }
    long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
    long end = start + durationMs;
    WatchStore.Attempt attempt = attempt(delivery, start, end, durationMs, status, error);
    if (!store.recordAttempt(node, delivery, attempt)) {
      log.warn("delivery of {} was taken over by another node", delivery.eventId());
      return;
    }
    String outcome =
        switch (attempt.outcome()) {
          case DELIVERED -> "delivered";
          case FAILED -> "failed";
          default -> "retry";
        };
    metrics.delivery(outcome);
    log.atInfo()
        .addKeyValue("event_id", delivery.eventId())
        .addKeyValue("watch_id", delivery.watchId())
        .addKeyValue("attempt", delivery.attempt())
        .addKeyValue("http_status", status)
        .log(
            "webhook {} attempt {}: {}{}",
            delivery.eventId(),
            delivery.attempt(),
            status == null ? error : "HTTP " + status,
            " -> " + outcome);
  }

  /**
   * Warns that a secret cannot be opened, at most once a minute per node: every delivery signed
   * with that key fails alike, and each attempt already records the cause.
   */
  private void warnUnreadable(WatchStore.Delivery delivery, SecretBox.Unreadable e, long nowMs) {
    long last = unreadableWarnedAt.get();
    if ((last == Long.MIN_VALUE || nowMs - last >= UNREADABLE_WARN_EVERY_MS)
        && unreadableWarnedAt.compareAndSet(last, nowMs)) {
      log.atWarn()
          .addKeyValue("event_id", delivery.eventId())
          .addKeyValue("watch_id", delivery.watchId())
          .log(
              "webhook {} cannot be signed: {}; such deliveries fail and are retried until the"
                  + " node runs with the key that encrypted the secrets (this warning repeats at"
                  + " most once a minute)",
              delivery.eventId(),
              e.getMessage());
    }
  }

  private WatchStore.Attempt attempt(
      WatchStore.Delivery delivery,
      long start,
      long end,
      long durationMs,
      Integer status,
      String error) {
    if (status != null && status >= 200 && status < 300) {
      return new WatchStore.Attempt(
          delivery.attempt(), start, status, null, durationMs, DeliveryStatus.DELIVERED, 0);
    }
    String why = status == null ? error : null;
    long giveUpAt = delivery.createdAtMs() + settings.deliveryRetryFor().toMillis();
    if (end >= giveUpAt) {
      return new WatchStore.Attempt(
          delivery.attempt(), start, status, why, durationMs, DeliveryStatus.FAILED, 0);
    }
    long wait =
        Math.min(
            settings.deliveryRetry().toMillis() << Math.min(delivery.attempt() - 1, 30),
            settings.deliveryRetryMax().toMillis());
    long jitter = (long) (wait * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    long next = Math.min(end + wait + jitter, giveUpAt);
    return new WatchStore.Attempt(
        delivery.attempt(), start, status, why, durationMs, DeliveryStatus.PENDING, next);
  }
}
