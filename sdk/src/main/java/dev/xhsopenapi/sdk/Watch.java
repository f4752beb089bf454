package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A creator watch as the gateway reports it ({@code GET /openapi/v1/watches/{watch_id}}): the
 * gateway polls the creator's notes every {@link #interval()} and records a {@code note.created}
 * event for each note it has not seen, which it also pushes to {@link #url()} when there is one.
 * The JSON it was read from stays available through {@link #raw()}.
 */
public final class Watch {
  /** Whether the gateway polls a watch. */
  public enum Status {
    /** Polled on schedule. */
    ACTIVE,
    /**
     * Not polled: too many polls in a row failed ({@link #failuresInARow()}); {@link
     * Watches#pollNow(String)} makes it active again.
     */
    PAUSED,
    /** A status this client does not know, from a newer gateway; {@link #statusText()} has it. */
    UNKNOWN;

    /**
     * Reads a status as the gateway spells it.
     *
     * @param text such as {@code active}; any case
     * @return the status, {@link #UNKNOWN} for anything else (null included)
     */
    public static Status parse(String text) {
      if (text == null) {
        return UNKNOWN;
      }
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "active" -> ACTIVE;
        case "paused" -> PAUSED;
        default -> UNKNOWN;
      };
    }
  }

  private final String id;
  private final String userId;
  private final String url;
  private final Duration interval;
  private final int maxPagesPerPoll;
  private final boolean emitExisting;
  private final String statusText;
  private final Instant createdAt;
  private final Instant lastPollAt;
  private final Instant nextPollAt;
  private final String lastError;
  private final long notesSeen;
  private final int failuresInARow;
  private final JsonNode raw;

  private Watch(JsonNode raw) {
    this.raw = raw;
    this.id = WireFields.requiredText(raw, "watch_id");
    this.userId = WireFields.requiredText(raw, "user_id");
    this.url = WireFields.optionalText(raw, "url");
    this.interval = Duration.ofSeconds(WireFields.requiredLong(raw, "interval_s"));
    this.maxPagesPerPoll = (int) WireFields.requiredLong(raw, "max_pages_per_poll");
    this.emitExisting = raw.path("emit_existing").asBoolean(false);
    this.statusText = WireFields.requiredText(raw, "status");
    this.createdAt = WireFields.instant(raw, "created_at");
    this.lastPollAt = WireFields.optionalInstant(raw, "last_poll_at");
    this.nextPollAt = WireFields.optionalInstant(raw, "next_poll_at");
    this.lastError = WireFields.optionalText(raw, "last_error");
    this.notesSeen = raw.path("notes_seen").asLong(0);
    this.failuresInARow = raw.path("failures_in_a_row").asInt(0);
  }

  /**
   * Reads a Watch object of the public API.
   *
   * @param raw the object, such as the {@code data} of {@code GET /openapi/v1/watches/{watch_id}}
   * @return the watch
   * @throws IllegalArgumentException when it is not an object, or lacks {@code watch_id}, {@code
   *     user_id}, {@code interval_s}, {@code max_pages_per_poll}, {@code status} or {@code
   *     created_at}, or a time is not an ISO-8601 instant
   */
  static Watch of(JsonNode raw) {
    Objects.requireNonNull(raw, "raw");
    if (!raw.isObject()) {
      throw new IllegalArgumentException("a watch must be a JSON object");
    }
    return new Watch(raw);
  }

  /**
   * The watch's id.
   *
   * @return such as {@code wch_…}
   */
  public String id() {
    return id;
  }

  /**
   * The creator watched.
   *
   * @return the Xiaohongshu user id, 24 hex characters
   */
  public String userId() {
    return userId;
  }

  /**
   * Where the gateway pushes each event.
   *
   * @return the absolute http(s) URL, or empty when events are only pulled ({@link
   *     Watches#events(String)})
   */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  /**
   * How long the gateway waits between two polls ({@code interval_s}).
   *
   * @return 60 s to 7 days, in whole seconds
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Pages of the creator's notes a poll reads at most ({@code max_pages_per_poll}).
   *
   * @return 1 to 50
   */
  public int maxPagesPerPoll() {
    return maxPagesPerPoll;
  }

  /**
   * Whether the notes already there at the first poll were sent as events too ({@code
   * emit_existing}); when false, only notes posted after it are.
   *
   * @return the flag
   */
  public boolean emitExisting() {
    return emitExisting;
  }

  /**
   * Whether the gateway polls the watch.
   *
   * @return {@link Status#ACTIVE}, {@link Status#PAUSED}, or {@link Status#UNKNOWN} for a status
   *     this client does not know
   */
  public Status status() {
    return Status.parse(statusText);
  }

  /**
   * The status as the gateway spelled it.
   *
   * @return such as {@code active}
   */
  public String statusText() {
    return statusText;
  }

  /**
   * When the watch was created.
   *
   * @return the instant
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * When the gateway last polled the creator.
   *
   * @return the instant, or empty before the first poll
   */
  public Optional<Instant> lastPollAt() {
    return Optional.ofNullable(lastPollAt);
  }

  /**
   * When the gateway polls next.
   *
   * @return the instant, or empty when none is planned (such as while paused)
   */
  public Optional<Instant> nextPollAt() {
    return Optional.ofNullable(nextPollAt);
  }

  /**
   * Why the last poll failed.
   *
   * @return the gateway's error, or empty when the last poll succeeded (or none ran yet)
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * How many distinct notes of the creator the watch has seen.
   *
   * @return 0 or more
   */
  public long notesSeen() {
    return notesSeen;
  }

  /**
   * How many polls in a row failed; the gateway pauses the watch after too many.
   *
   * @return 0 after a poll that succeeded
   */
  public int failuresInARow() {
    return failuresInARow;
  }

  /**
   * The Watch object as the gateway sent it (never with the secret).
   *
   * @return the JSON object; the caller must not change it
   */
  public JsonNode raw() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Watch w && raw.equals(w.raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "Watch[" + id + " of " + userId + ", " + statusText + "]";
  }
}
