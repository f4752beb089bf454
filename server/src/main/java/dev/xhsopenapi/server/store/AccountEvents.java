package dev.xhsopenapi.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores an account's own webhook events (schema V8) on the caller's transaction, each with a
 * pending delivery that the watch worker makes like a watch event's (DESIGN §12, §14). Storing the
 * event in the transaction that made the change is what makes it survive a node that stops before
 * it is sent, and what keeps it to one event per change: a rolled-back change stores nothing.
 */
final class AccountEvents {
  /** The low-balance event's type. */
  static final String LOW_BALANCE = "account.low_balance";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RandomIds IDS = new RandomIds();

  private AccountEvents() {}

  /**
   * Stores an {@code account.low_balance} event, {@code {"event_id":"evt_…","type",
   * "account_id","created_at","data":{"balance","low_balance_threshold"}}}, when the account has a
   * webhook URL; nothing otherwise.
   *
   * @param balance the balance right after the charge that crossed, in credits
   * @param threshold the account's threshold, in credits
   * @param nowMs the charge's time, epoch milliseconds (the retry period counts from here)
   * @return whether an event was stored
   */
  static boolean lowBalance(
      Connection c, String accountId, long balance, long threshold, long nowMs)
      throws SQLException {
    String eventId = "evt_" + IDS.base62(24);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("balance", balance);
    data.put("low_balance_threshold", threshold);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", eventId);
    event.put("type", LOW_BALANCE);
    event.put("account_id", accountId);
    event.put("created_at", Instant.ofEpochMilli(nowMs).toString());
    event.put("data", data);
    String body;
    try {
      body = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render an event", e);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO account_deliveries (event_id, account_id, type, body, status, attempts,"
                + " created_at, next_attempt_at) SELECT ?, account_id, ?, ?, ?, 0, ?, ? FROM"
                + " accounts WHERE account_id = ? AND webhook_url IS NOT NULL")) {
      s.setString(1, eventId);
      s.setString(2, LOW_BALANCE);
      s.setString(3, body);
      s.setString(4, DeliveryStatus.PENDING.wire());
      s.setLong(5, nowMs);
      s.setLong(6, nowMs);
      s.setString(7, accountId);
      return s.executeUpdate() > 0;
    }
  }
}
