package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a creator watch: the body of a webhook, and an entry of {@link
 * Watches#events(String)}. Its {@link #type()} says what {@link #data()} holds: {@value
 * #NOTE_CREATED} ({@code {"note":{…}}}, the note as the creator's notes page gave it; see {@link
 * #note()}) or {@value #WATCH_FAILED} ({@code {"error":…,"message":…,"failures":N}}). The JSON it
 * was read from stays available through {@link #raw()}.
 */
public final class WatchEvent {
  /** The type of the event of a note the watch had not seen. */
  public static final String NOTE_CREATED = "note.created";

  /** The type of the event of a poll that failed. */
  public static final String WATCH_FAILED = "watch.failed";

  /**
   * Where the gateway is with pushing an event to the watch's URL, as the events listing reports
   * it.
   *
   * @param status where the delivery stands
   * @param statusText the status as the gateway spelled it, such as {@code delivered}
   * @param attempts the POSTs made so far
   */
  public record Delivery(Status status, String statusText, int attempts) {
    /** Where a delivery stands. */
    public enum Status {
      /** Not delivered yet; the gateway is still trying. */
      PENDING,
      /** The URL answered 2xx. */
      DELIVERED,
      /** The URL did not answer 2xx through 24 h of retries. */
      FAILED,
      /** The watch has no URL: the event is only pulled. */
      NONE,
      /** A status this client does not know, from a newer gateway. */
      UNKNOWN;

      /**
       * Reads a delivery status as the gateway spells it.
       *
       * @param text such as {@code pending}; any case
       * @return the status, {@link #UNKNOWN} for anything else (null included)
       */
      public static Status parse(String text) {
        if (text == null) {
          return UNKNOWN;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
          case "pending" -> PENDING;
          case "delivered" -> DELIVERED;
          case "failed" -> FAILED;
          case "none" -> NONE;
          default -> UNKNOWN;
        };
      }
    }
  }

  private final String eventId;
  private final String type;
  private final String watchId;
  private final String userId;
  private final Instant createdAt;
  private final JsonNode data;
  private final Delivery delivery;
  private final JsonNode raw;

  private WatchEvent(JsonNode raw) {
    this.raw = raw;
    this.eventId = WireFields.requiredText(raw, "event_id");
    this.type = WireFields.requiredText(raw, "type");
    this.watchId = WireFields.requiredText(raw, "watch_id");
    this.userId = WireFields.requiredText(raw, "user_id");
    this.createdAt = WireFields.instant(raw, "created_at");
    JsonNode d = raw.get("data");
    if (d == null || !d.isObject()) {
      throw new IllegalArgumentException("its data is not an object");
    }
    this.data = d;
    JsonNode del = raw.get("delivery");
    this.delivery =
        del == null || !del.isObject()
            ? null
            : new Delivery(
                Delivery.Status.parse(del.path("status").asText(null)),
                del.path("status").asText(""),
                del.path("attempts").asInt(0));
  }

  /**
   * Reads an Event object: a webhook's body parsed, or an entry of the events listing.
   *
   * @param raw the object
   * @return the event
   * @throws IllegalArgumentException when it is not an object with {@code event_id}, {@code type},
   *     {@code watch_id}, {@code user_id}, an ISO-8601 {@code created_at} and a {@code data} object
   */
  public static WatchEvent of(JsonNode raw) {
    Objects.requireNonNull(raw, "raw");
    if (!raw.isObject()) {
      throw new IllegalArgumentException("an event must be a JSON object");
    }
    try {
      return new WatchEvent(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the event is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a webhook's body, once {@link Webhooks#verify} has accepted it.
   *
   * <pre>{@code
   * Webhooks.verify(secret, request.header("XHS-Openapi-Signature"), body, Webhooks.DEFAULT_TOLERANCE);
   * WatchEvent event = WatchEvent.parse(body);
   * event.note().ifPresent(note -> store(note.id(), note.raw()));
   * }</pre>
   *
   * @param body the body bytes as received (UTF-8 JSON)
   * @return the event
   * @throws IllegalArgumentException when the body is not JSON or not an event
   */
  public static WatchEvent parse(byte[] body) {
    Objects.requireNonNull(body, "body");
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      String text = new String(body, StandardCharsets.UTF_8);
      throw new IllegalArgumentException(
          "the event is not JSON: " + (text.length() <= 100 ? text : text.substring(0, 100) + "…"),
          e);
    }
    if (tree == null) {
      throw new IllegalArgumentException("the event is empty");
    }
    return of(tree);
  }

  /**
   * The event's id, the same on every delivery attempt ({@code XHS-Openapi-Event-Id}): receivers
   * use it to act on each event once.
   *
   * @return such as {@code evt_…}
   */
  public String eventId() {
    return eventId;
  }

  /**
   * What happened.
   *
   * @return {@value #NOTE_CREATED}, {@value #WATCH_FAILED}, or a type of a newer gateway
   */
  public String type() {
    return type;
  }

  /**
   * The watch the event belongs to.
   *
   * @return such as {@code wch_…}
   */
  public String watchId() {
    return watchId;
  }

  /**
   * The creator watched.
   *
   * @return the Xiaohongshu user id
   */
  public String userId() {
    return userId;
  }

  /**
   * When the gateway recorded the event.
   *
   * @return the instant
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * What the event carries, by {@link #type()}.
   *
   * @return the {@code data} object; the caller must not change it
   */
  public JsonNode data() {
    return data;
  }

  /**
   * The note of a {@value #NOTE_CREATED} event, as a typed view over {@code data.note}.
   *
   * @return the note, or empty for any other type or when {@code data.note} is not a note with an
   *     id
   */
  public Optional<Note> note() {
    if (!NOTE_CREATED.equals(type)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Note.of(data.path("note")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Where the push of the event stands, when the events listing said ({@code delivery}).
   *
   * @return the delivery, or empty in a webhook's body, which has none
   */
  public Optional<Delivery> delivery() {
    return Optional.ofNullable(delivery);
  }

  /**
   * The Event object as received.
   *
   * @return the JSON object; the caller must not change it
   */
  public JsonNode raw() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchEvent e && raw.equals(e.raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "WatchEvent[" + eventId + " " + type + " of " + watchId + "]";
  }
}
