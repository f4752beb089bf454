package dev.xhsopenapi.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.AdminApi.Reply;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.Params;
import dev.xhsopenapi.server.watch.AccountEvent;
import dev.xhsopenapi.server.watch.WatchStore;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's own webhook events ({@code account.low_balance}) with their deliveries: {@code GET
 * /admin/v1/accounts/{account_id}/events?after=&limit=}, oldest first and paged like a watch's
 * events, each event with its delivery's state and every attempt (when, which node, the receiver's
 * status or the error, how long it took).
 */
final class AccountEventsAdmin {
  private static final int DEFAULT_PAGE = 20;
  private static final int MAX_PAGE = 100;
  private static final int MAX_AFTER_LENGTH = 200;

  private final AccountStore accounts;
  private final WatchStore store;
  private final ObjectMapper json;

  AccountEventsAdmin(AccountStore accounts, WatchStore store, ObjectMapper json) {
    this.accounts = accounts;
    this.store = store;
    this.json = json;
  }

  /** A page of events; {@code next} is the {@code after} of the following page, or null. */
  record EventsPage(List<EventView> events, String next) {}

  /** One event: what was sent ({@code data}) and how its delivery went. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record EventView(
      String eventId, String type, String createdAt, JsonNode data, DeliveryView delivery) {}

  /**
   * Where the delivery stands: {@code next_attempt_at} only while pending, {@code ended_at} only
   * once delivered or failed.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record DeliveryView(
      String status,
      int attempts,
      String nextAttemptAt,
      String endedAt,
      List<AttemptView> history) {}

  /** One attempt: the receiver's HTTP status, or the error when none came. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AttemptView(
      int attempt, String at, String node, Integer httpStatus, String error, long durationMs) {}

  Reply events(ServerRequest req, String requestId) {
    Account account = AccountsAdmin.account(accounts, req);
    int limit = Params.pageLimit(Params.single(req.query(), "limit"), DEFAULT_PAGE, MAX_PAGE);
    String after = Params.single(req.query(), "after");
    if (after != null && after.isEmpty()) {
      after = null;
    }
    if (after != null && after.length() > MAX_AFTER_LENGTH) {
      throw badAfter(account.accountId(), after);
    }
    String cursor = after;
    List<AccountEvent> events =
        store
            .accountEvents(account.accountId(), cursor, limit)
            .orElseThrow(() -> badAfter(account.accountId(), cursor));
    List<EventView> views = new ArrayList<>(events.size());
    for (AccountEvent e : events) {
      views.add(view(e));
    }
    // As a watch's events: a short page means nothing more yet; a full one names where to go on.
    String next = events.size() < limit ? null : events.getLast().eventId();
    return new Reply(200, new EventsPage(views, next));
  }

  private EventView view(AccountEvent e) {
    JsonNode data;
    try {
      data = json.readTree(e.body()).path("data");
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("stored event " + e.eventId() + " is not JSON", ex);
    }
    List<AttemptView> history = new ArrayList<>(e.history().size());
    for (WatchStore.AttemptRow a : e.history()) {
      history.add(
          new AttemptView(
              a.number(), time(a.atMs()), a.node(), a.httpStatus(), a.error(), a.durationMs()));
    }
    return new EventView(
        e.eventId(),
        e.type(),
        time(e.createdAtMs()),
        data.isMissingNode() ? json.createObjectNode() : data,
        new DeliveryView(
            e.status().wire(),
            e.attempts(),
            e.nextAttemptAtMs() == null ? null : time(e.nextAttemptAtMs()),
            e.endedAtMs() == null ? null : time(e.endedAtMs()),
            history));
  }

  private static ApiError badAfter(String accountId, String after) {
    return ApiError.invalidParam(
        "after must be the id of an event of account "
            + accountId
            + " (the next of the previous page), got '"
            + Params.shown(after)
            + "'");
  }

  private static String time(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}
