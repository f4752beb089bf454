package dev.xhsopenapi.sdk;

import java.io.IOException;
import java.time.Duration;

/**
 * Observes what a client does on the wire: every answer (retried ones included), every network
 * failure, every wait. Called on the calling thread; implementations must be quick and must not
 * throw.
 */
public interface EventListener {
  /** A listener that ignores everything. */
  EventListener NONE = new EventListener() {};

  /** Why the client waits before its next request. */
  enum WaitReason {
    /** The rate-limit headers said the window is full; waiting until a slot frees. */
    PACING,
    /** A 429 said how long to wait ({@code Retry-After}). */
    RETRY_AFTER,
    /** Backing off after a network failure or a 5xx answer. */
    BACKOFF
  }

  /**
   * An HTTP answer arrived.
   *
   * @param path the request's path, without the query
   * @param status the HTTP status
   * @param requestId the gateway's {@code X-Request-Id}, or null when it sent none
   * @param rateLimit the rate-limit state the answer reported, or null when it reported none
   */
  default void answered(String path, int status, String requestId, RateLimit rateLimit) {}

  /**
   * A request failed before an answer arrived (connection refused or reset, timeout).
   *
   * @param path the request's path, without the query
   * @param cause what went wrong
   */
  default void failed(String path, IOException cause) {}

  /**
   * The client is about to wait.
   *
   * @param delay how long
   * @param reason why
   */
  default void waiting(Duration delay, WaitReason reason) {}
}
