package dev.xhsopenapi.server.config;

import dev.xhsopenapi.server.watch.SecretBox;
import java.time.Duration;

/**
 * How creator watches are polled and their events delivered (DESIGN §12; settings {@code watches.*}
 * and {@code webhooks.*}).
 *
 * @param run whether this node polls watches and delivers webhooks ({@code watches.run}); the watch
 *     API works either way
 * @param tick how often the node looks for due polls and deliveries
 * @param pollConcurrency polls one node runs at once
 * @param pollLease how long a node holds a watch it polls; a node that dies mid-poll leaves the
 *     watch to others after this (longer than a poll of {@code max_pages_per_poll} pages lasts)
 * @param minInterval the shortest {@code interval_s} a watch may have
 * @param maxPerAccount the most watches one account may have
 * @param maxFailures failed polls in a row that pause a watch (and emit {@code watch.failed})
 * @param pollRetry the wait before the first retry of a failed poll; doubled per further failure,
 *     never longer than the watch's interval
 * @param allowPrivate whether webhook URLs may point at loopback, private or link-local addresses
 * @param deliveryConcurrency deliveries one node makes at once
 * @param deliveryTimeout how long one delivery attempt may take
 * @param deliveryRetry the wait after the first failed attempt; doubled per attempt up to {@code
 *     deliveryRetryMax}
 * @param deliveryRetryMax the longest wait between attempts
 * @param deliveryRetryFor how long after the event a delivery is retried before it is failed
 * @param retention how long an event is kept once its delivery has ended (delivered or failed), or
 *     after it was stored when it has no delivery (a watch without a URL); pending deliveries are
 *     kept whatever their age
 * @param secrets seals webhook signing secrets at rest with {@code webhooks.secret-key} (without
 *     it, they are stored plain)
 */
public record WatchSettings(
    boolean run,
    Duration tick,
    int pollConcurrency,
    Duration pollLease,
    Duration minInterval,
    int maxPerAccount,
    int maxFailures,
    Duration pollRetry,
    boolean allowPrivate,
    int deliveryConcurrency,
    Duration deliveryTimeout,
    Duration deliveryRetry,
    Duration deliveryRetryMax,
    Duration deliveryRetryFor,
    Duration retention,
    SecretBox secrets) {

  /**
   * How long a node holds a delivery it attempts: the attempt's timeout and 5 s to record it. A
   * node that dies mid-attempt leaves the delivery to the others after this.
   */
  public Duration deliveryLease() {
    return deliveryTimeout.plusSeconds(5);
  }
}
