package dev.xhsopenapi.server.watch;

import java.util.List;

/**
 * An account's own webhook event ({@code account.low_balance}, DESIGN §14) as stored, with where
 * its delivery stands and every attempt made so far: what the operator sees of it.
 *
 * @param eventId {@code evt_} + 24 base62
 * @param type the event type, {@code account.low_balance}
 * @param createdAtMs when it was stored (epoch ms)
 * @param body the event JSON, exactly as delivered
 * @param status {@link DeliveryStatus#PENDING}, {@link DeliveryStatus#DELIVERED} or {@link
 *     DeliveryStatus#FAILED}
 * @param attempts how many delivery attempts were made
 * @param nextAttemptAtMs when the next attempt is due, while pending; else null
 * @param endedAtMs when it was delivered or given up, else null
 * @param history the recorded attempts, oldest first
 */
public record AccountEvent(
    String eventId,
    String type,
    long createdAtMs,
    String body,
    DeliveryStatus status,
    int attempts,
    Long nextAttemptAtMs,
    Long endedAtMs,
    List<WatchStore.AttemptRow> history) {

  /** Copies the history. */
  public AccountEvent {
    history = List.copyOf(history);
  }
}
