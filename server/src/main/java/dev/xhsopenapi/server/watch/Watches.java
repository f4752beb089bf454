package dev.xhsopenapi.server.watch;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.api.Params;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.config.WatchSettings;
import dev.xhsopenapi.server.http.JsonBodies;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer's side of creator watches (DESIGN §12): create, list, show, delete, poll now and
 * read events, for one account at a time. Management is free; the polls are charged when they run
 * (see {@link WatchPoller}). Every refusal is an {@link ApiError} with a message fit for the
 * customer.
 */
public final class Watches {
  /** The largest page of events. */
  public static final int MAX_EVENTS_PAGE = 100;

  private static final int DEFAULT_INTERVAL_S = 3600;
  private static final int MAX_INTERVAL_S = 7 * 86_400;
  private static final int DEFAULT_MAX_PAGES = 5;
  private static final int MAX_PAGES = 50;

  /** The longest a replaced secret may keep signing deliveries after a roll, in seconds. */
  public static final int MAX_EXPIRE_OLD_S = 86_400;

  private final WatchStore store;
  private final WatchSettings settings;
  private final RandomIds ids;
  private final Clock clock;
  private final Destinations destinations;

  /** Creates the service over the shared store. */
  public Watches(WatchStore store, WatchSettings settings, RandomIds ids, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
    this.destinations = new Destinations(settings.allowPrivate());
  }

  /**
   * What a customer asks for when creating a watch (the JSON body, snake_case); null fields take
   * their defaults.
   *
   * @param userId the creator (24 hex digits), required
   * @param url where to deliver events, or null to only pull them
   * @param intervalS seconds between polls (default 3600, at least {@code watches.min-interval-s})
   * @param maxPagesPerPoll pages one poll may walk (default 5, at most 50)
   * @param emitExisting whether the first poll reports the notes it finds (default false)
   */
  public record NewWatch(
      String userId, String url, Long intervalS, Long maxPagesPerPoll, Boolean emitExisting) {}

  /** A created watch and its signing secret, which is shown this once. */
  public record Created(Watch watch, String secret) {}

  /**
   * Creates a watch for the account, due at once: its first poll records the baseline.
   *
   * @throws ApiError 400 {@code invalid_param} naming the field that is wrong, or when the account
   *     has {@code watches.max-per-account} watches already
   */
  public Created create(String accountId, NewWatch body) {
    String userId = userId(body.userId());
    long interval =
        JsonBodies.bounded(
            body.intervalS(),
            "interval_s",
            DEFAULT_INTERVAL_S,
            settings.minInterval().toSeconds(),
            MAX_INTERVAL_S);
    long maxPages =
        JsonBodies.bounded(
            body.maxPagesPerPoll(), "max_pages_per_poll", DEFAULT_MAX_PAGES, 1, MAX_PAGES);
    String url = body.url() == null || body.url().isBlank() ? null : body.url().strip();
    if (url != null) {
      try {
        destinations.check(url);
      } catch (Destinations.RefusedUrl e) {
        throw ApiError.invalidParam(e.getMessage() + " (at $.url)");
      }
    }
    int count = store.count(accountId);
    if (count >= settings.maxPerAccount()) {
      throw ApiError.invalidParam(
          "account "
              + accountId
              + " has "
              + count
              + " watches, the most one account may have; delete one first");
    }
    long now = clock.millis();
    Watch watch =
        new Watch(
            Watch.ID_PREFIX + ids.base62(20),
            accountId,
            userId,
            url,
            (int) interval,
            (int) maxPages,
            Boolean.TRUE.equals(body.emitExisting()),
            WatchStatus.ACTIVE,
            now,
            null,
            now,
            null,
            null,
            0,
            0);
    String secret = newSecret();
    store.create(watch, secret);
    return new Created(watch, secret);
  }

  /** The account's watches, oldest first. */
  public List<Watch> list(String accountId) {
    return store.list(accountId);
  }

  /**
   * The account's watch.
   *
   * @throws ApiError 404 {@code watch_not_found} when the account has no such watch
   */
  public Watch get(String accountId, String watchId) {
    return store
        .find(watchId)
        .filter(w -> w.accountId().equals(accountId))
        .orElseThrow(() -> notFound(watchId));
  }

  /**
   * Deletes the account's watch with its events; deliveries not yet made are dropped.
   *
   * @throws ApiError 404 {@code watch_not_found} when the account has no such watch
   */
  public void delete(String accountId, String watchId) {
    if (!store.delete(accountId, watchId)) {
      throw notFound(watchId);
    }
  }

  /**
   * What a customer may send to roll a watch's secret (the JSON body, snake_case; may be empty).
   *
   * @param expireOldInS for how many seconds deliveries are also signed with the secret replaced
   *     (0…86400, default 0: from now on only the new one signs)
   */
  public record RollSecret(Long expireOldInS) {}

  /**
   * A rolled secret, shown this once.
   *
   * @param watchId the watch
   * @param secret its new signing secret
   * @param oldSecretExpiresAtMs until when the replaced secret also signs, or null when it no
   *     longer does
   */
  public record Rolled(String watchId, String secret, Long oldSecretExpiresAtMs) {}

  /**
   * Gives the account's watch a new signing secret. Deliveries attempted from now on are signed
   * with it; with {@code expire_old_in_s}, also with the secret it replaces until then (a second
   * {@code v1} in the signature header), so that the receiver can switch without losing any.
   *
   * @throws ApiError 404 {@code watch_not_found} when the account has no such watch; 400 {@code
   *     invalid_param} for an {@code expire_old_in_s} outside 0…86400
   */
  public Rolled rollSecret(String accountId, String watchId, RollSecret body) {
    long expireOld =
        JsonBodies.bounded(body.expireOldInS(), "expire_old_in_s", 0, 0, MAX_EXPIRE_OLD_S);
    Long expiresAt = expireOld == 0 ? null : clock.millis() + expireOld * 1000;
    String secret = newSecret();
    if (!store.rollSecret(accountId, watchId, secret, expiresAt)) {
      throw notFound(watchId);
    }
    return new Rolled(watchId, secret, expiresAt);
  }

  /**
   * Makes the watch due now (a paused one active again).
   *
   * @throws ApiError 404 {@code watch_not_found} when the account has no such watch
   */
  public Watch pollNow(String accountId, String watchId) {
    return store.pollNow(accountId, watchId, clock.millis()).orElseThrow(() -> notFound(watchId));
  }

  /** A page of events: the events, and the id to pass as {@code after} for more, or null. */
  public record EventsPage(List<WatchEvent> events, String next) {}

  /**
   * The watch's events after the event {@code after} (null: from the first), at most {@code limit}.
   * Once retention has removed some of the watch's events, an {@code after} the watch no longer
   * knows is taken as one of them, and the page starts at the oldest event kept.
   *
   * @throws ApiError 404 {@code watch_not_found}; 400 {@code invalid_param} for a limit outside
   *     1…100 or an {@code after} that is not an event of this watch (while it has lost none)
   */
  public EventsPage events(String accountId, String watchId, String after, String limit) {
    get(accountId, watchId);
    int n = Params.pageLimit(limit, MAX_EVENTS_PAGE, MAX_EVENTS_PAGE);
    long afterSeq = 0;
    if (after != null && !after.isEmpty()) {
      Optional<Long> seq = store.eventSeq(watchId, after);
      if (seq.isPresent()) {
        afterSeq = seq.get();
      } else if (!store.eventsPruned(watchId)) {
        throw ApiError.invalidParam(
            "after must be the id of an event of watch " + watchId + ", got '" + after + "'");
      }
      // Otherwise the event may be one retention removed (webhooks.retention-days), and those go
      // oldest first: the caller, who last read it, continues from the oldest event kept.
    }
    List<WatchEvent> events = store.events(watchId, afterSeq, n);
    // A short page means nothing more yet: the caller asks again later with the last id it has.
    String next = events.size() < n ? null : events.getLast().eventId();
    return new EventsPage(events, next);
  }

  /** The watch as the API shows it (DESIGN §12). */
  public static Map<String, Object> json(Watch w) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("watch_id", w.watchId());
    out.put("user_id", w.userId());
    out.put("url", w.url());
    out.put("interval_s", w.intervalS());
    out.put("max_pages_per_poll", w.maxPagesPerPoll());
    out.put("emit_existing", w.emitExisting());
    out.put("status", w.status().wire());
    out.put("created_at", time(w.createdAtMs()));
    out.put("last_poll_at", w.lastPollAtMs() == null ? null : time(w.lastPollAtMs()));
    out.put("next_poll_at", w.status() == WatchStatus.ACTIVE ? time(w.nextPollAtMs()) : null);
    out.put("last_error", w.lastError());
    out.put("notes_seen", w.notesSeen());
    out.put("failures_in_a_row", w.failuresInARow());
    return out;
  }

  /** An ISO-8601 UTC instant. */
  static String time(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }

  private String newSecret() {
    return "whsec_" + ids.base62(32);
  }

  private static String userId(String given) {
    if (given == null) {
      throw ApiError.invalidParam("user_id is required (at $.user_id)");
    }
    try {
      return Operation.USER_NOTES.param("user_id").read(given);
    } catch (InvalidParamException e) {
      throw ApiError.invalidParam(e.getMessage() + " (at $.user_id)");
    }
  }

  private static ApiError notFound(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    return new ApiError(
        ErrorCode.WATCH_NOT_FOUND,
        "this account has no watch " + watchId + "; list its watches with GET /openapi/v1/watches");
  }
}
