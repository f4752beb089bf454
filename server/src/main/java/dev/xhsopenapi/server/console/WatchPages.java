package dev.xhsopenapi.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.config.WatchSettings;
import dev.xhsopenapi.server.console.Console.Access;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import dev.xhsopenapi.server.watch.Watch;
import dev.xhsopenapi.server.watch.WatchEvent;
import dev.xhsopenapi.server.watch.WatchStatus;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.server.watch.Watches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer's creator watches (DESIGN §12): the account's watches, one watch with its newest
 * events and their delivery attempts, creating one (its signing secret shown once), "poll now" and
 * deleting. Changes go through the same {@link Watches} as the public API, so they are validated
 * alike; a watch of another account is answered as if it did not exist.
 */
final class WatchPages {
  /** Events shown on a watch's page, the newest. */
  static final int EVENTS_SHOWN = 50;

  private static final Pattern WATCH_ID = Pattern.compile("wch_[0-9A-Za-z]{1,40}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final int DEFAULT_INTERVAL_S = 3600;
  private static final int MAX_INTERVAL_S = 7 * 86_400;
  private static final Logger audit = LoggerFactory.getLogger("audit");

  private final CustomerPages customer;
  private final WatchStore store;
  private final Watches watches;
  private final WatchSettings settings;
  private final Runnable wake;
  private final ObjectMapper json;

  /**
   * Creates the pages.
   *
   * @param customer the customer's pages, for the signed-in account and the page frame
   * @param store the watches, their events and delivery attempts
   * @param watches the customer's side of watches (create, poll now, delete)
   * @param settings the watch settings (the shortest interval, for the form)
   * @param wake called after a change that makes a watch due, so that the worker polls it at once
   * @param json reads event bodies
   */
  WatchPages(
      CustomerPages customer,
      WatchStore store,
      Watches watches,
      WatchSettings settings,
      Runnable wake,
      ObjectMapper json) {
    this.customer = customer;
    this.store = store;
    this.watches = watches;
    this.settings = settings;
    this.wake = wake;
    this.json = json;
  }

  void routes(Console.Routes r) {
    r.get("/console/watches", Access.CUSTOMER, this::list);
    r.post("/console/watches", Access.CUSTOMER, this::create);
    r.get("/console/watches/{watch_id}", Access.CUSTOMER, this::show);
    r.post("/console/watches/{watch_id}/poll", Access.CUSTOMER, this::pollNow);
    r.post("/console/watches/{watch_id}/delete", Access.CUSTOMER, this::delete);
  }

  private Outcome list(Visit v) {
    Map<String, Object> m = listModel(v, customer.account(v));
    String polled = v.form().text("polled");
    String deleted = v.form().text("deleted");
    if (WATCH_ID.matcher(polled).matches()) {
      m.put("notice", "监控 " + polled + " 将立即轮询 · Watch " + polled + " is polled now");
    } else if (WATCH_ID.matcher(deleted).matches()) {
      m.put("notice", "监控 " + deleted + " 已删除 · Watch " + deleted + " deleted");
    }
    return Outcome.view("watches", m);
  }

  private Outcome create(Visit v) {
    Account account = customer.account(v);
    refuseWhenSuspended(account);
    String userId = v.form().text("user_id");
    String url = v.form().text("url");
    String interval = v.form().text("interval_s");
    Watches.Created created;
    try {
      if (!interval.isEmpty() && !DIGITS.matcher(interval).matches()) {
        throw ApiError.invalidParam(
            "interval_s must be a whole number of seconds, got '" + interval + "'");
      }
      created =
          watches.create(
              account.accountId(),
              new Watches.NewWatch(
                  userId,
                  url.isEmpty() ? null : url,
                  interval.isEmpty() ? null : Long.valueOf(interval),
                  null,
                  null));
    } catch (ApiError e) {
      Map<String, Object> m = listModel(v, account);
      m.put("error", "无法创建监控 · The watch was not created: " + e.getMessage());
      m.put("form", Map.of("userId", userId, "url", url, "interval", interval));
      return Outcome.view(400, "watches", m);
    }
    wake.run();
    audit.info(
        "console user {} created watch {}", v.session().subject(), created.watch().watchId());
    Map<String, Object> m = listModel(v, account);
    m.put("created", Map.of("watchId", created.watch().watchId(), "secret", created.secret()));
    return Outcome.view(201, "watches", m);
  }

  private Outcome show(Visit v) {
    Account account = customer.account(v);
    Watch watch = watch(account, v.param("watch_id"));
    Map<String, Object> m = customer.page(v, account, "watches");
    Map<String, Object> w = row(watch);
    w.put("created", Formats.time(watch.createdAtMs()));
    w.put("maxPages", watch.maxPagesPerPoll());
    w.put("emitExisting", watch.emitExisting());
    w.put("intervalS", watch.intervalS());
    m.put("watch", w);
    List<Map<String, Object>> events = new ArrayList<>();
    for (WatchEvent e : store.latestEvents(watch.watchId(), EVENTS_SHOWN)) {
      events.add(eventRow(e));
    }
    m.put("events", events);
    m.put("noEvents", events.isEmpty());
    m.put("limit", EVENTS_SHOWN);
    if ("polled".equals(v.form().text("done"))) {
      m.put("notice", "已安排立即轮询 · The watch is polled now");
    }
    return Outcome.view("watch", m);
  }

  private Outcome pollNow(Visit v) {
    Account account = customer.account(v);
    Watch watch = watch(account, v.param("watch_id"));
    refuseWhenSuspended(account);
    watches.pollNow(account.accountId(), watch.watchId());
    wake.run();
    audit.info("console user {} polled watch {}", v.session().subject(), watch.watchId());
    if ("list".equals(v.form().text("from"))) {
      return Outcome.redirect("/console/watches?polled=" + watch.watchId());
    }
    return Outcome.redirect("/console/watches/" + watch.watchId() + "?done=polled");
  }

  private Outcome delete(Visit v) {
    Account account = customer.account(v);
    Watch watch = watch(account, v.param("watch_id"));
    watches.delete(account.accountId(), watch.watchId());
    audit.info("console user {} deleted watch {}", v.session().subject(), watch.watchId());
    return Outcome.redirect("/console/watches?deleted=" + watch.watchId());
  }

  private Map<String, Object> listModel(Visit v, Account account) {
    Map<String, Object> m = customer.page(v, account, "watches");
    List<Map<String, Object>> rows =
        store.list(account.accountId()).stream().map(WatchPages::row).toList();
    m.put("watches", rows);
    m.put("noWatches", rows.isEmpty());
    m.put("minInterval", settings.minInterval().toSeconds());
    m.put("maxInterval", MAX_INTERVAL_S);
    m.put("form", Map.of("userId", "", "url", "", "interval", DEFAULT_INTERVAL_S));
    return m;
  }

  /** The account's watch, or the console's 404 (also for another account's). */
  private Watch watch(Account account, String watchId) {
    return store
        .find(watchId)
        .filter(w -> w.accountId().equals(account.accountId()))
        .orElseThrow(() -> PageError.notFound("没有这个监控 · There is no such watch"));
  }

  private static void refuseWhenSuspended(Account account) {
    if (account.status() == AccountStatus.SUSPENDED) {
      throw PageError.forbidden(
          "账户已暂停,不能轮询 · The account is suspended: its watches cannot be polled");
    }
  }

  /**
   * A watch as a table row of the console (customer's and operator's): {@code watchId, userId,
   * status, active, interval, lastPoll, nextPoll, notesSeen, failures, lastError, url} ({@code url}
   * null for a pull-only watch; times as {@link Formats#time}, the next poll a dash when paused).
   */
  static Map<String, Object> row(Watch w) {
    Map<String, Object> row = new HashMap<>();
    row.put("watchId", w.watchId());
    row.put("userId", w.userId());
    row.put("status", w.status().wire());
    row.put("active", w.status() == WatchStatus.ACTIVE);
    row.put("interval", interval(w.intervalS()));
    row.put("lastPoll", Formats.time(w.lastPollAtMs()));
    row.put("nextPoll", w.status() == WatchStatus.ACTIVE ? Formats.time(w.nextPollAtMs()) : "—");
    row.put("notesSeen", Formats.number(w.notesSeen()));
    row.put("failures", w.failuresInARow());
    row.put("lastError", w.lastError());
    row.put("url", w.url());
    return row;
  }

  /**
   * An interval in the largest whole unit: {@code 90 s}, {@code 15 min}, {@code 2 h}, {@code 7 d}.
   */
  static String interval(int seconds) {
    if (seconds > 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + " d";
    }
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + " min";
    }
    return seconds + " s";
  }

  private Map<String, Object> eventRow(WatchEvent e) {
    Map<String, Object> row = new HashMap<>();
    row.put("eventId", e.eventId());
    row.put("type", e.type());
    row.put("created", Formats.time(e.createdAtMs()));
    row.put("delivery", e.delivery().wire());
    row.put("attempts", e.attempts());
    JsonNode data = body(e).path("data");
    if (WatchEvent.NOTE_CREATED.equals(e.type())) {
      JsonNode note = data.path("note");
      row.put("noteId", text(note, "id", "note_id"));
      row.put("title", text(note, "title", "display_title"));
    } else if (WatchEvent.WATCH_FAILED.equals(e.type())) {
      row.put("failure", data.path("error").asText("") + ": " + data.path("message").asText(""));
    }
    boolean attempted = e.attempts() > 0 && e.delivery() != DeliveryStatus.NONE;
    row.put("hasAttempts", attempted);
    if (attempted) {
      row.put(
          "attemptLog", store.attempts(e.eventId()).stream().map(WatchPages::attemptRow).toList());
    }
    return row;
  }

  /**
   * A delivery attempt as a row of the console (a watch's events, an account's events): {@code
   * number, at, node, ok, result, ms}, {@code result} being {@code HTTP 500} or the error (shown as
   * text: receivers influence it).
   */
  static Map<String, Object> attemptRow(WatchStore.AttemptRow a) {
    Map<String, Object> at = new HashMap<>();
    at.put("number", a.number());
    at.put("at", Formats.time(a.atMs()));
    at.put("node", a.node() == null ? "—" : a.node());
    at.put("ok", a.httpStatus() != null && a.httpStatus() / 100 == 2);
    String error = a.error() == null ? "—" : a.error();
    at.put("result", a.httpStatus() != null ? "HTTP " + a.httpStatus() : error);
    at.put("ms", Formats.number(a.durationMs()));
    return at;
  }

  private JsonNode body(WatchEvent e) {
    try {
      return json.readTree(e.body());
    } catch (IOException ex) {
      return json.createObjectNode();
    }
  }

  /** The first non-empty text of the two fields, or null (which a template shows as nothing). */
  private static String text(JsonNode node, String field, String otherwise) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      value = node.path(otherwise).asText("");
    }
    return value.isEmpty() ? null : value;
  }
}
