package dev.xhsopenapi.server.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.LowBalanceAlerts;
import dev.xhsopenapi.server.config.WatchSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an account's own events to its webhook URL: {@code account.low_balance} when a charge takes
 * the balance under the account's threshold (the ledger makes that once per crossing). The event is
 * signed as creator watch events are (DESIGN §12, {@link Signatures}), with the account's own
 * {@code whsec_…} secret, and refused for private destinations unless {@code
 * webhooks.allow-private}.
 *
 * <p>Event: {@code {"event_id":"evt_…","type":"account.low_balance","account_id","created_at",
 * "data":{"balance","low_balance_threshold"}}}. Sent from a virtual thread off the request that
 * crossed, with up to {@link #ATTEMPTS} attempts spaced as {@code webhooks.retry-initial-ms}
 * doubled; unlike watch deliveries the attempts are kept in memory only, so a node that stops
 * meanwhile drops the rest (the console's banner still shows the low balance).
 */
public final class AccountAlerts implements LowBalanceAlerts {
  private static final Logger log = LoggerFactory.getLogger(AccountAlerts.class);

  /** The event type. */
  public static final String LOW_BALANCE = "account.low_balance";

  static final int ATTEMPTS = 5;

  private final AccountStore accounts;
  private final WatchSettings settings;
  private final RandomIds ids;
  private final ObjectMapper json;
  private final Clock clock;
  private final Destinations destinations;
  private final HttpClient http;

  /** Creates the sender over the accounts (for their URL and secret) and the webhook settings. */
  public AccountAlerts(
      AccountStore accounts,
      WatchSettings settings,
      RandomIds ids,
      ObjectMapper json,
      Clock clock) {
    this.accounts = accounts;
    this.settings = settings;
    this.ids = ids;
    this.json = json;
    this.clock = clock;
    this.destinations = new Destinations(settings.allowPrivate());
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.deliveryTimeout())
            .build();
  }

  @Override
  public void crossed(String accountId, long balance) {
    Thread.ofVirtual().name("low-balance-" + accountId).start(() -> send(accountId, balance));
  }

  private void send(String accountId, long balance) {
    Optional<Account> found = accounts.find(accountId);
    if (found.isEmpty() || found.get().spending().webhookUrl() == null) {
      log.info("account {} fell under its low-balance threshold; it has no webhook URL", accountId);
      return;
    }
    Account account = found.get();
    String eventId = "evt_" + ids.base62(24);
    byte[] body = body(eventId, account, balance);
    long wait = settings.deliveryRetry().toMillis();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String outcome = attempt(account, eventId, body);
      if (outcome == null) {
        log.info("{} {} delivered to account {}", LOW_BALANCE, eventId, accountId);
        return;
      }
      log.warn("{} {} attempt {} failed: {}", LOW_BALANCE, eventId, attempt, outcome);
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wait = Math.min(wait * 2, settings.deliveryRetryMax().toMillis());
    }
  }

  /** One attempt; null when delivered, else why not. */
  private String attempt(Account account, String eventId, byte[] body) {
    try {
      URI uri = destinations.check(account.spending().webhookUrl());
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(settings.deliveryTimeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "xhs-openapi-webhooks/1")
              .header(WebhookSender.EVENT_ID_HEADER, eventId)
              .header(
                  WebhookSender.SIGNATURE_HEADER,
                  Signatures.header(
                      account.spending().webhookSecret(),
                      Math.floorDiv(clock.millis(), 1000),
                      body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (Destinations.RefusedUrl e) {
      return e.getMessage();
    } catch (IOException | IllegalArgumentException e) {
      return "could not reach the receiver: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private byte[] body(String eventId, Account account, long balance) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("balance", balance);
    data.put("low_balance_threshold", account.spending().lowBalanceThreshold());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", eventId);
    event.put("type", LOW_BALANCE);
    event.put("account_id", account.accountId());
    event.put("created_at", Instant.ofEpochMilli(clock.millis()).toString());
    event.put("data", data);
    try {
      return json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render an event", e);
    }
  }
}
