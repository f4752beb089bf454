package dev.xhsopenapi.server.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.DataCalls;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.config.WatchSettings;
import dev.xhsopenapi.server.notes.NotesPage;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one watch (DESIGN §12). It walks the creator's notes newest first through {@link
 * DataCalls#callLogged} — the customer's own pipeline: same rate limit, same price per page
 * answered with data, same answer cache, a request log row per page naming the watch — and stops at
 * the first unpinned note the watch has seen, at the last page, or after {@code max_pages_per_poll}
 * pages. Pinned notes come first on page 1 whatever their age, so they are judged by id alone and
 * never end the walk. Notes not seen before become {@code note.created} events, oldest first,
 * except on the first poll, which records them as the baseline unless {@code emit_existing} is set.
 *
 * <p>A poll either succeeds whole or records nothing but its failure: a page refused half-way (429,
 * 402, upstream down…) would otherwise mark newer notes seen while older new ones, never reached,
 * would be hidden behind them at the next poll. A failed poll is retried after {@code
 * watches.retry-initial-s}, doubled per failure in a row (never longer than the interval); after
 * {@code watches.max-failures} in a row the watch emits {@code watch.failed} and pauses. New notes
 * beyond {@code max_pages_per_poll} pages since the last poll are not reported: that bound is what
 * keeps a poll's cost known.
 */
final class WatchPoller {
  private static final Logger log = LoggerFactory.getLogger(WatchPoller.class);

  private final DataCalls calls;
  private final AccountStore accounts;
  private final WatchStore store;
  private final WatchSettings settings;
  private final RandomIds ids;
  private final ObjectMapper json;
  private final Clock clock;
  private final WatchMetrics metrics;

  WatchPoller(
      DataCalls calls,
      AccountStore accounts,
      WatchStore store,
      WatchSettings settings,
      RandomIds ids,
      ObjectMapper json,
      Clock clock,
      WatchMetrics metrics) {
    this.calls = calls;
    this.accounts = accounts;
    this.store = store;
    this.settings = settings;
    this.ids = ids;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Polls a watch this node has claimed and records the outcome, releasing the lease.
   *
   * @throws InterruptedException when the node stops mid-poll: nothing is recorded, and the watch
   *     is polled again once its lease is released or runs out
   */
  void poll(String node, Watch watch) throws InterruptedException {
    List<NotesPage.PageNote> fresh;
    try {
      fresh = walk(watch);
    } catch (ApiError e) {
      fail(node, watch, e.code().wire(), e.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      log.warn("poll of watch {} failed: {}", watch.watchId(), e.toString());
      fail(node, watch, ErrorCode.INTERNAL_ERROR.wire(), "the poll failed inside the gateway");
      return;
    }
    long now = clock.millis();
    boolean baseline = watch.baselineAtMs() == null;
    List<WatchEvent.New> events = new ArrayList<>();
    if (!baseline || watch.emitExisting()) {
      for (NotesPage.PageNote note : fresh.reversed()) {
        ObjectNode data = json.createObjectNode();
        data.set("note", note.json());
        events.add(event(watch, WatchEvent.NOTE_CREATED, now, data));
      }
    }
    List<String> noteIds = fresh.stream().map(NotesPage.PageNote::id).toList();
    if (store.finishPoll(node, watch, noteIds, events, now, nextSlot(watch, now))) {
      metrics.poll("ok");
      metrics.newNotes(events.size());
      log.info(
          "watch {} polled: {} new note(s), {} event(s)",
          watch.watchId(),
          fresh.size(),
          events.size());
    } else {
      metrics.poll("lease_lost");
      log.warn("watch {} was taken over or deleted during its poll", watch.watchId());
    }
  }

  /** The unseen notes of the creator, newest first, pinned ones among them. */
  private List<NotesPage.PageNote> walk(Watch watch) throws InterruptedException, IOException {
    Caller caller = caller(watch.accountId());
    Map<String, NotesPage.PageNote> fresh = new LinkedHashMap<>();
    Set<String> met = new LinkedHashSet<>();
    String cursor = "";
    for (int page = 1; page <= watch.maxPagesPerPoll(); page++) {
      String at = cursor;
      UpstreamRequest request =
          Operation.USER_NOTES.request(
              name ->
                  switch (name) {
                    case "user_id" -> watch.userId();
                    case "cursor" -> at.isEmpty() ? null : at;
                    default -> null;
                  });
      DataCalls.Served served =
          calls.callLogged(caller, request, DataCalls.Origin.watch(request, watch.watchId()));
      NotesPage notes = NotesPage.read(json, served.data().body());
      Set<String> seen =
          store.seen(watch.watchId(), notes.notes().stream().map(NotesPage.PageNote::id).toList());
      boolean reachedSeen = false;
      for (NotesPage.PageNote note : notes.notes()) {
        if (!met.add(note.id())) {
          continue;
        }
        if (seen.contains(note.id())) {
          if (!note.pinned()) {
            reachedSeen = true;
            break;
          }
          continue;
        }
        fresh.put(note.id(), note);
      }
      if (reachedSeen || !notes.hasMore() || notes.cursor().isEmpty()) {
        break;
      }
      cursor = notes.cursor();
    }
    return new ArrayList<>(fresh.values());
  }

  private Caller caller(String accountId) {
    Account account =
        accounts
            .find(accountId)
            .orElseThrow(
                () -> new ApiError(ErrorCode.ACCOUNT_SUSPENDED, "the account no longer exists"));
    if (account.status() != AccountStatus.ACTIVE) {
      throw new ApiError(
          ErrorCode.ACCOUNT_SUSPENDED,
          "account " + accountId + " is suspended; its watches are not polled");
    }
    // Polls are the account's calls without a key: the log row shows "watch" for the key.
    return new Caller(
        null,
        "watch",
        accountId,
        account.rateLimitPerMinute(),
        KeyRules.NONE,
        account.spending().dailyCreditCap(),
        account.balance());
  }

  private void fail(String node, Watch watch, String code, String message) {
    long now = clock.millis();
    int failures = watch.failuresInARow() + 1;
    long backoff = settings.pollRetry().toMillis() << Math.min(failures - 1, 20);
    long retryAt = now + Math.min(backoff, watch.intervalS() * 1000L);
    String error = code + ": " + message;
    var after =
        store.failPoll(
            node,
            watch,
            error,
            now,
            retryAt,
            settings.maxFailures(),
            count -> {
              ObjectNode data = json.createObjectNode();
              data.put("error", code);
              data.put("message", message);
              data.put("failures", count);
              return event(watch, WatchEvent.WATCH_FAILED, now, data);
            });
    metrics.poll("failed");
    if (after.isPresent() && after.get().status() == WatchStatus.PAUSED) {
      log.warn(
          "watch {} paused after {} failed polls in a row: {}",
          watch.watchId(),
          after.get().failuresInARow(),
          error);
    } else {
      log.info("poll of watch {} failed ({}); retrying at {}", watch.watchId(), error, retryAt);
    }
  }

  private WatchEvent.New event(Watch watch, String type, long now, JsonNode data) {
    String eventId = WatchEvent.ID_PREFIX + ids.base62(24);
    ObjectNode body = json.createObjectNode();
    body.put("event_id", eventId);
    body.put("type", type);
    body.put("watch_id", watch.watchId());
    body.put("user_id", watch.userId());
    body.put("created_at", Watches.time(now));
    body.set("data", data);
    return new WatchEvent.New(eventId, type, now, body.toString());
  }

  /**
   * The watch's first poll slot after {@code nowMs}. Slots are {@code interval} apart from an
   * anchor that is the creation time plus an offset taken from the watch id, so that watches
   * created together (or at the top of an hour) are spread over the interval instead of all falling
   * due at once, and a late poll does not shift the slots that follow.
   */
  static long nextSlot(Watch watch, long nowMs) {
    long interval = watch.intervalS() * 1000L;
    long anchor = watch.createdAtMs() + Math.floorMod((long) watch.watchId().hashCode(), interval);
    long k = Math.floorDiv(nowMs - anchor, interval) + 1;
    return anchor + k * interval;
  }
}
