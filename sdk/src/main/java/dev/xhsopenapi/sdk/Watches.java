package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.xhsopenapi.sdk.internal.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The creator watches of the calling key's account ({@code /openapi/v1/watches}), from {@link
 * XhsOpenApiClient#watches()}: the gateway polls a creator's notes on a schedule and records a
 * {@code note.created} event for each new note, which it pushes to the watch's webhook URL, signed
 * (see {@link Webhooks}), and keeps for {@link #events(String)}. The calls are free of charge but
 * count against the rate limit; the polls themselves are charged as notes calls.
 *
 * <pre>{@code
 * Watches watches = client.watches();
 * CreatedWatch created = watches.create(
 *     NewWatch.builder("https://www.xiaohongshu.com/user/profile/5efdeba4000000000101e7e6")
 *         .url("https://example.com/hooks/xhs")
 *         .interval(Duration.ofMinutes(30))
 *         .build());
 * store(created.secret()); // shown once: the receiver verifies each webhook with it
 * watches.events(created.watch().id())
 *     .flatMap(e -> e.note().stream())
 *     .forEach(note -> System.out.println(note.id() + " " + note.title()));
 * }</pre>
 *
 * <p>Every call is paced, retried and reported as the client's other calls, except {@link
 * #create(NewWatch)}, which is retried only after a 429 (a retry after a lost answer could create
 * the watch twice). Failures arrive as the client's exceptions: {@link BadRequestException} (400
 * {@code invalid_param}), {@link AuthenticationException} (401), {@link ForbiddenException} (403
 * {@code key_disabled}, {@code account_suspended}), {@link NotFoundException} (404 {@code
 * watch_not_found}: no such watch in this account), {@link RateLimitedException} (429), {@link
 * ServerException} and {@link NetworkException}.
 */
public final class Watches {
  static final String PATH = "/openapi/v1/watches";

  /** The most events a page holds, and the default. */
  public static final int MAX_EVENTS_PER_PAGE = 100;

  /** The longest an old secret may keep signing after {@link #rollSecret}: a day. */
  public static final Duration MAX_EXPIRE_OLD = Duration.ofDays(1);

  private static final Pattern WATCH_ID = Pattern.compile("wch_[A-Za-z0-9_-]+");
  private static final Pattern EVENT_ID = Pattern.compile("evt_[A-Za-z0-9_-]+");

  private final Caller caller;

  Watches(Caller caller) {
    this.caller = caller;
  }

  /**
   * Creates a watch ({@code POST /openapi/v1/watches}, answered 201); its {@link
   * Watch#nextPollAt()} says when the gateway polls it first.
   *
   * @param watch what to watch, and how
   * @return the watch and its webhook secret, which the gateway never shows again
   * @throws BadRequestException when the gateway refuses a field, such as a URL to a private or
   *     loopback address
   * @throws XhsOpenApiException as the class says
   */
  public CreatedWatch create(NewWatch watch) {
    Objects.requireNonNull(watch, "watch");
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(watch.toJson());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return WatchAnswers.created(caller.send("POST", PATH, Map.of(), body, false));
  }

  /**
   * Lists the account's watches ({@code GET /openapi/v1/watches}).
   *
   * @return the watches, oldest first; empty when there are none
   * @throws XhsOpenApiException as the class says
   */
  public List<Watch> list() {
    return List.copyOf(WatchAnswers.list(caller.get(PATH, Map.of())));
  }

  /**
   * Reads one watch ({@code GET /openapi/v1/watches/{watch_id}}).
   *
   * @param watchId such as {@code wch_…}
   * @return the watch
   * @throws IllegalArgumentException when {@code watchId} does not start with {@code wch_}
   * @throws NotFoundException when the account has no such watch
   * @throws XhsOpenApiException as the class says
   */
  public Watch get(String watchId) {
    return WatchAnswers.watch(caller.get(path(watchId), Map.of()));
  }

  /**
   * Deletes a watch ({@code DELETE /openapi/v1/watches/{watch_id}}, answered 204): it is polled no
   * more. A delete whose answer was lost is sent again, which then meets {@link NotFoundException}.
   *
   * @param watchId such as {@code wch_…}
   * @throws IllegalArgumentException when {@code watchId} does not start with {@code wch_}
   * @throws NotFoundException when the account has no such watch
   * @throws XhsOpenApiException as the class says
   */
  public void delete(String watchId) {
    WatchAnswers.empty(caller.send("DELETE", path(watchId), Map.of(), null, true));
  }

  /**
   * Asks for a poll now ({@code POST /openapi/v1/watches/{watch_id}/poll}, answered 202): the watch
   * becomes due at once, and a paused one active again with its failure count reset. The poll runs
   * soon after; its end shows as a new {@link Watch#lastPollAt()}.
   *
   * @param watchId such as {@code wch_…}
   * @return the watch as the gateway left it (due now)
   * @throws IllegalArgumentException when {@code watchId} does not start with {@code wch_}
   * @throws NotFoundException when the account has no such watch
   * @throws XhsOpenApiException as the class says
   */
  public Watch pollNow(String watchId) {
    return WatchAnswers.watch(caller.send("POST", path(watchId) + "/poll", Map.of(), null, true));
  }

  /**
   * Replaces the watch's webhook signing secret ({@code POST
   * /openapi/v1/watches/{watch_id}/roll_secret}, answered 200), as when the old one leaked; the
   * watch keeps its events and the notes it has seen. Deliveries attempted from now on are signed
   * with the new secret; with a positive {@code expireOld}, those until {@link
   * RolledSecret#oldSecretExpiresAt()} carry a second {@code v1} made with the old secret, so that
   * a receiver switching over accepts either ({@link Webhooks#verify} checks every {@code v1}).
   *
   * <p>Like {@link #create(NewWatch)}, a roll is retried only after a 429: a roll sent again after
   * a lost answer would replace a secret nobody has seen, and keep that one as the old secret.
   *
   * @param watchId such as {@code wch_…}
   * @param expireOld how long the old secret keeps signing beside the new one, in whole seconds
   *     from zero to a day; null or zero for not at all
   * @return the new secret, which the gateway never shows again
   * @throws IllegalArgumentException when {@code watchId} does not start with {@code wch_}, or
   *     {@code expireOld} is negative, longer than a day or not whole seconds
   * @throws NotFoundException when the account has no such watch
   * @throws XhsOpenApiException as the class says
   */
  public RolledSecret rollSecret(String watchId, Duration expireOld) {
    String path = path(watchId) + "/roll_secret";
    byte[] body = null;
    if (expireOld != null && !expireOld.isZero()) {
      if (expireOld.isNegative()
          || expireOld.compareTo(MAX_EXPIRE_OLD) > 0
          || expireOld.toNanosPart() != 0) {
        throw new IllegalArgumentException(
            "expireOld must be whole seconds from 0 to " + MAX_EXPIRE_OLD + ", got " + expireOld);
      }
      body =
          ("{\"expire_old_in_s\":" + expireOld.toSeconds() + "}").getBytes(StandardCharsets.UTF_8);
    }
    return WatchAnswers.rolled(caller.send("POST", path, Map.of(), body, false));
  }

  /**
   * One page of a watch's events ({@code GET /openapi/v1/watches/{watch_id}/events}), oldest first.
   *
   * @param watchId such as {@code wch_…}
   * @param after the id of the last event already had ({@link EventsPage#next()} of the previous
   *     page), or null for the first page
   * @param limit events per page, 1 to {@value #MAX_EVENTS_PER_PAGE}
   * @return the page
   * @throws IllegalArgumentException when {@code watchId} does not start with {@code wch_}, {@code
   *     after} does not start with {@code evt_}, or {@code limit} is outside 1–100
   * @throws BadRequestException when {@code after} is not an event of this watch
   * @throws NotFoundException when the account has no such watch
   * @throws XhsOpenApiException as the class says
   */
  public EventsPage events(String watchId, String after, int limit) {
    String path = path(watchId) + "/events";
    if (limit < 1 || limit > MAX_EVENTS_PER_PAGE) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + MAX_EVENTS_PER_PAGE + ", got " + limit);
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (after != null && !after.isEmpty()) {
      if (!EVENT_ID.matcher(after).matches()) {
        throw new IllegalArgumentException(
            "an event id starts with evt_, got '" + shown(after) + "'");
      }
      query.put("after", after);
    }
    query.put("limit", Integer.toString(limit));
    return WatchAnswers.events(caller.get(path, query));
  }

  /**
   * Every event of a watch so far, from the first, lazily: each page of {@value
   * #MAX_EVENTS_PER_PAGE} is fetched when the stream reaches it, and the stream ends after the page
   * without a {@code next}. A page whose {@code next} was already followed, or too many empty pages
   * in a row that still name a {@code next}, end it with {@link IncompleteWalkException}.
   *
   * @param watchId such as {@code wch_…}
   * @return a sequential stream of events, oldest first
   * @throws IllegalArgumentException when {@code watchId} does not start with {@code wch_}
   */
  public Stream<WatchEvent> events(String watchId) {
    checkId(watchId);
    return PageWalk.stream(
            PageWalk.events(
                watchId,
                after -> events(watchId, after, MAX_EVENTS_PER_PAGE),
                "",
                caller.maxEmptyPages()))
        .flatMap(page -> page.events().stream());
  }

  private static String path(String watchId) {
    checkId(watchId);
    return PATH + "/" + watchId;
  }

  private static void checkId(String watchId) {
    Objects.requireNonNull(watchId, "watchId");
    if (!WATCH_ID.matcher(watchId).matches()) {
      throw new IllegalArgumentException(
          "a watch id starts with wch_, got '" + shown(watchId) + "'");
    }
  }

  private static String shown(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
