package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link Watches#create(NewWatch)} asks for: the creator, and optionally the webhook URL, the
 * polling interval, the pages a poll reads and whether the notes already there count as new. Built
 * with {@link #builder(String)}, which checks each value as the gateway would; what is left unset
 * is left to the gateway's defaults (no URL, 3600 s, 5 pages, existing notes not sent).
 */
public final class NewWatch {
  /** The shortest interval the gateway takes. */
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  /** The longest interval the gateway takes. */
  public static final Duration MAX_INTERVAL = Duration.ofDays(7);

  /** The most pages a poll may read. */
  public static final int MAX_PAGES_PER_POLL = 50;

  private final String userId;
  private final String url;
  private final Duration interval;
  private final Integer maxPagesPerPoll;
  private final boolean emitExisting;

  private NewWatch(Builder b) {
    this.userId = b.userId;
    this.url = b.url;
    this.interval = b.interval;
    this.maxPagesPerPoll = b.maxPagesPerPoll;
    this.emitExisting = b.emitExisting;
  }

  /**
   * Starts a watch of a creator.
   *
   * @param userId the creator as people paste it: the 24-hex user id or the profile link, read as
   *     {@link UserIds#parse(String)} reads it
   * @return a builder
   * @throws InvalidUserIdException when no user id can be read from it
   */
  public static Builder builder(String userId) {
    return new Builder(UserIds.parse(userId));
  }

  /**
   * The creator to watch.
   *
   * @return the user id, 24 lowercase hex characters
   */
  public String userId() {
    return userId;
  }

  /**
   * Where the gateway is to push each event.
   *
   * @return the URL, or empty: events are then only pulled
   */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  /**
   * How long the gateway is to wait between polls.
   *
   * @return the interval, or empty for the gateway's default
   */
  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  /**
   * The pages a poll is to read at most.
   *
   * @return 1 to 50, or empty for the gateway's default
   */
  public OptionalInt maxPagesPerPoll() {
    return maxPagesPerPoll == null ? OptionalInt.empty() : OptionalInt.of(maxPagesPerPoll);
  }

  /**
   * Whether the notes already there at the first poll are to be sent as events too.
   *
   * @return the flag; false unless set
   */
  public boolean emitExisting() {
    return emitExisting;
  }

  /** The body of {@code POST /openapi/v1/watches}: only the fields that are set. */
  ObjectNode toJson() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("user_id", userId);
    if (url != null) {
      body.put("url", url);
    }
    if (interval != null) {
      body.put("interval_s", interval.toSeconds());
    }
    if (maxPagesPerPoll != null) {
      body.put("max_pages_per_poll", maxPagesPerPoll.intValue());
    }
    body.put("emit_existing", emitExisting);
    return body;
  }

  @Override
  public String toString() {
    return "NewWatch[" + userId + (url == null ? "" : " → " + url) + "]";
  }

  /** Collects the settings of a new watch; fails fast on wrong ones. */
  public static final class Builder {
    private final String userId;
    private String url;
    private Duration interval;
    private Integer maxPagesPerPoll;
    private boolean emitExisting;

    private Builder(String userId) {
      this.userId = userId;
    }

    /**
     * Sets where the gateway pushes each event, signed as {@link Webhooks} describes.
     *
     * @param url an absolute {@code http} or {@code https} URL with a host, or null for none
     * @return this builder
     * @throws IllegalArgumentException when it is not such a URL
     */
    public Builder url(String url) {
      if (url == null) {
        this.url = null;
        return this;
      }
      String trimmed = url.strip();
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the webhook URL '" + url + "' is not a URL", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "the webhook URL must be absolute http(s)://host/…, got '" + url + "'");
      }
      this.url = trimmed;
      return this;
    }

    /**
     * Sets how long the gateway waits between polls.
     *
     * @param interval 60 s to 7 days, in whole seconds
     * @return this builder
     * @throws IllegalArgumentException when it is outside that range or has a fraction of a second
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
        throw new IllegalArgumentException(
            "the interval must be 60 s to 7 days (604800 s), got " + interval.toSeconds() + " s");
      }
      if (interval.toNanosPart() != 0) {
        throw new IllegalArgumentException("the interval must be whole seconds, got " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Sets the pages of the creator's notes a poll reads at most (each page costs what a notes call
     * costs).
     *
     * @param pages 1 to 50
     * @return this builder
     * @throws IllegalArgumentException when it is outside that range
     */
    public Builder maxPagesPerPoll(int pages) {
      if (pages < 1 || pages > MAX_PAGES_PER_POLL) {
        throw new IllegalArgumentException(
            "maxPagesPerPoll must be 1 to " + MAX_PAGES_PER_POLL + ", got " + pages);
      }
      this.maxPagesPerPoll = pages;
      return this;
    }

    /**
     * Sets whether the notes already there at the first poll are sent as events too.
     *
     * @param emitExisting true to send them; false (the default) to send only notes posted later
     * @return this builder
     */
    public Builder emitExisting(boolean emitExisting) {
      this.emitExisting = emitExisting;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the new watch to create
     */
    public NewWatch build() {
      return new NewWatch(this);
    }
  }
}
