package dev.xhsopenapi.server.watch;

/**
 * An event of a watch, as stored: numbered in the order it happened ({@code seq}, from 1 per
 * watch), its JSON body being exactly what is delivered and listed.
 *
 * @param eventId {@code evt_} + 24 base62
 * @param watchId the watch
 * @param seq its number among the watch's events
 * @param type {@code note.created} or {@code watch.failed}
 * @param createdAtMs when it was recorded (epoch ms)
 * @param body the event JSON (DESIGN §12)
 * @param delivery where its webhook delivery stands
 * @param attempts how many delivery attempts were made
 */
public record WatchEvent(
    String eventId,
    String watchId,
    long seq,
    String type,
    long createdAtMs,
    String body,
    DeliveryStatus delivery,
    int attempts) {

  /** The event type of a new note. */
  public static final String NOTE_CREATED = "note.created";

  /** The event type of a watch paused after too many failed polls. */
  public static final String WATCH_FAILED = "watch.failed";

  /** The prefix of every event id. */
  public static final String ID_PREFIX = "evt_";

  /** An event not yet stored: its id, type, time and body. */
  public record New(String eventId, String type, long createdAtMs, String body) {}
}
