package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Debit;
import dev.xhsopenapi.server.billing.LowBalanceAlerts;
import dev.xhsopenapi.server.billing.Prices;
import dev.xhsopenapi.server.billing.Spend;
import dev.xhsopenapi.server.cache.AnswerCache;
import dev.xhsopenapi.server.http.RequestIds;
import dev.xhsopenapi.server.ops.logging.RequestLines;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * The charged part of a data call, the same for a customer's request and for a creator watch's
 * poll: rate limit → reserve credit while fetching (answer cache, then the provider chain) → commit
 * or release. Exactly the answers with data are charged ({@code prices.<op id>}); a "not found", an
 * error, a refused reservation or a crash costs nothing.
 */
public final class DataCalls {
  private final ApiRequests requests;
  private final CreditLedger ledger;
  private final Prices prices;
  private final AnswerCache answers;
  private final RequestLog requestLog;
  private final Clock clock;
  private final Duration upstreamBudget;
  private final LowBalanceAlerts alerts;
  // Accounts whose latest hold was refused (balance or daily cap): their calls hold before they
  // ask the upstream.
  private final Set<String> refusedAccounts = ConcurrentHashMap.newKeySet();

  /**
   * Creates the pipeline.
   *
   * @param upstreamBudget how long a call may wait for the upstream before it is answered 504
   * @param alerts told when a charge takes an account under its low-balance threshold
   */
  public DataCalls(
      ApiRequests requests,
      CreditLedger ledger,
      Prices prices,
      AnswerCache answers,
      RequestLog requestLog,
      Clock clock,
      Duration upstreamBudget,
      LowBalanceAlerts alerts) {
    this.alerts = alerts;
    this.requests = requests;
    this.ledger = ledger;
    this.prices = prices;
    this.answers = answers;
    this.requestLog = requestLog;
    this.clock = clock;
    this.upstreamBudget = upstreamBudget;
  }

  /**
   * A data call's answer.
   *
   * @param requestId the call's request id
   * @param data the source's body
   * @param charged the credits it cost (0 when the reservation had already been settled)
   * @param remaining the account's balance right after the call's credits were taken
   * @param cache whether it came from the answer cache
   */
  public record Served(
      String requestId,
      UpstreamAnswer.Data data,
      long charged,
      long remaining,
      AnswerCache.CacheStatus cache) {}

  /**
   * What a data call made by the gateway itself is logged as: the route path its row names, and the
   * creator watch or the MCP tool it was made for.
   *
   * @param path the path of the row, e.g. the operation's or {@code /mcp}
   * @param watchId the watch whose poll made the call, or null
   * @param tool the MCP tool that made the call, or null
   */
  public record Origin(String path, String watchId, String tool) {

    /** A poll of a creator watch, logged at the operation's path. */
    public static Origin watch(UpstreamRequest request, String watchId) {
      return new Origin(request.operation().path(), watchId, null);
    }
  }

  /**
   * Makes one data call on behalf of the account of {@code caller} outside a request of its own (a
   * creator watch's poll, a page of an MCP tool that walks): the same limit, credits and cache as
   * the customer's own call of {@code request}, with a request id of its own and a request log row
   * as {@code origin} says.
   *
   * @return the answer, charged
   * @throws ApiError the refusal the customer's call would have had (429 {@code rate_limited} or
   *     {@code spend_cap_reached}, 403 {@code key_scope}, 402 {@code insufficient_credits}, 404
   *     {@code user_not_found}, 502/503/504 upstream errors), already logged and free
   * @throws InterruptedException when the thread is interrupted while waiting for the upstream
   */
  public Served callLogged(Caller caller, UpstreamRequest request, Origin origin)
      throws InterruptedException {
    String requestId = RequestIds.next();
    Exchange x = new Exchange(requestId, origin.path(), clock.millis());
    x.caller(caller);
    x.watch(origin.watchId());
    x.tool(origin.tool());
    String outer = MDC.get(RequestIds.MDC_KEY);
    MDC.put(RequestIds.MDC_KEY, requestId);
    try {
      return call(caller, request, x);
    } catch (ApiError e) {
      x.ended(e.code().status(), e.code().wire());
      throw e;
    } catch (RuntimeException e) {
      x.ended(ErrorCode.INTERNAL_ERROR.status(), ErrorCode.INTERNAL_ERROR.wire());
      throw e;
    } finally {
      var row = x.record();
      requestLog.add(row);
      RequestLines.served("GET", row);
      if (outer == null) {
        MDC.remove(RequestIds.MDC_KEY);
      } else {
        MDC.put(RequestIds.MDC_KEY, outer);
      }
    }
  }

  /**
   * Admits, charges and fetches {@code request} for an authenticated caller, recording on {@code x}
   * what happened; the caller writes the answer.
   */
  Served call(Caller caller, UpstreamRequest request, Exchange x) throws InterruptedException {
    // The request log has the user and cursor columns of the notes walks; other operations log
    // their cursor (if they page) and leave the user empty.
    x.query(
        request.operation().subject().orElse(null) == Operation.Subject.USER
            ? request.subjectId()
            : null,
        request.cursor());
    String operationId = request.operation().id();
    ApiRequests.requireScope(caller, operationId);
    requests.admit(caller, x);
    long price = prices.of(operationId);
    Spend spend =
        new Spend(
            caller.accountId(),
            caller.keyId(),
            operationId,
            price,
            caller.accountDailyCreditCap(),
            caller.keyRules().dailyCreditCap());
    UpstreamAnswer.Data cached = answers.cachedData(request);
    if (cached != null) {
      // The data is at hand, so nothing can fail between reserving and committing: one charge.
      Debit debit = settled(ledger.charge(x.requestId(), spend), caller, spend, x);
      x.upstream(AnswerCache.CacheStatus.HIT.name(), null);
      return served(x, price, debit.balance(), AnswerCache.CacheStatus.HIT, cached);
    }
    // The hold is settled by the ledger while the upstream is asked, so a miss waits for the
    // slower of the two rather than for both in turn. A call whose hold is refused is answered 402
    // (or 429 past a daily cap) and costs nothing, though the upstream was asked (its answer still
    // fills the cache). So that a drained balance or a reached cap cannot keep the sources busy, an
    // account whose balance was last seen short, or whose latest hold was refused, holds first and
    // asks only once it holds.
    boolean holdFirst =
        caller.balanceSeen() < price || refusedAccounts.contains(caller.accountId());
    CreditLedger.Reservation reservation = ledger.startReserve(x.requestId(), spend);
    Debit debit = holdFirst ? held(reservation, caller, spend, x) : null;
    UpstreamCall call =
        new UpstreamCall(x.requestId(), caller.accountId(), clock.instant().plus(upstreamBudget));
    AnswerCache.Fetched fetched = null;
    UpstreamException failed = null;
    try {
      fetched = answers.fetch(request, call);
      x.upstream(fetched.cache().name(), fetched.upstreamMs());
    } catch (UpstreamException e) {
      failed = e;
    } catch (InterruptedException | RuntimeException e) {
      releaseWhenHeld(reservation, x.requestId(), e);
      throw e;
    } finally {
      x.spent(call.spend().micros());
    }
    if (debit == null) {
      debit = held(reservation, caller, spend, x);
    }
    boolean charged = false;
    try {
      if (failed != null) {
        throw upstreamError(failed);
      }
      if (fetched.answer() instanceof UpstreamAnswer.NotFound) {
        throw notFound(request);
      }
      UpstreamAnswer.Data data = (UpstreamAnswer.Data) fetched.answer();
      charged = ledger.commit(x.requestId());
      return served(x, charged ? price : 0, debit.balance(), fetched.cache(), data);
    } finally {
      if (!charged) {
        ledger.release(x.requestId());
      }
    }
  }

  /**
   * Waits for the hold, remembers whether the account was refused, and turns a refusal into its
   * error (see {@link #settled}).
   */
  private Debit held(CreditLedger.Reservation reservation, Caller caller, Spend spend, Exchange x) {
    Debit debit = reservation.held();
    if (debit.debited()) {
      refusedAccounts.remove(caller.accountId());
    } else {
      refusedAccounts.add(caller.accountId());
    }
    return settled(debit, caller, spend, x);
  }

  /**
   * Gives the hold back once it is settled, after the fetch failed unexpectedly; a hold whose
   * outcome cannot be had is left to be released as abandoned.
   */
  private void releaseWhenHeld(
      CreditLedger.Reservation reservation, String requestId, Exception cause) {
    try {
      if (reservation.held().debited()) {
        ledger.release(requestId);
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static Served served(
      Exchange x,
      long charged,
      long remaining,
      AnswerCache.CacheStatus cache,
      UpstreamAnswer.Data data) {
    x.charged(charged);
    x.creditsRemaining(remaining);
    x.ended(200, null);
    return new Served(x.requestId(), data, charged, remaining, cache);
  }

  /**
   * The debit when it was made (passing on a low-balance crossing); otherwise the refusal: 402
   * {@code insufficient_credits} or 429 {@code spend_cap_reached} with {@code Retry-After} to the
   * next UTC midnight.
   */
  private Debit settled(Debit debit, Caller caller, Spend spend, Exchange x) {
    if (debit.outcome() == Debit.Outcome.INSUFFICIENT_CREDITS) {
      throw insufficientCredits(caller, spend.amount());
    }
    if (debit.outcome() != Debit.Outcome.DEBITED) {
      throw capReached(debit.outcome() == Debit.Outcome.KEY_CAP_REACHED, caller, spend, x);
    }
    if (debit.lowBalanceCrossed()) {
      alerts.crossed(caller.accountId(), debit.balance());
    }
    return debit;
  }

  private ApiError capReached(boolean key, Caller caller, Spend spend, Exchange x) {
    long now = clock.millis();
    long midnight =
        LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
    long wait = Math.max(1, (midnight - now + 999) / 1000);
    x.retryAfter(wait);
    return new ApiError(
        ErrorCode.SPEND_CAP_REACHED,
        (key
                ? "API key " + caller.keyPrefix() + "… may spend " + spend.keyDailyCap()
                : "account " + caller.accountId() + " may spend " + spend.accountDailyCap())
            + " credits per UTC day and this call ("
            + spend.amount()
            + " credit(s)) would pass that; it was not charged. The cap resets at "
            + Instant.ofEpochMilli(midnight)
            + " (in "
            + wait
            + " s)");
  }

  /**
   * The 404 of a definitive "not found", by what the operation is about; a source that says "not
   * found" to a search or a feed (which has no subject) gave an unusable answer.
   */
  private static ApiError notFound(UpstreamRequest request) {
    Operation.Subject subject = request.operation().subject().orElse(null);
    if (subject == null) {
      return new ApiError(
          ErrorCode.UPSTREAM_ERROR,
          "the upstream answered 'not found' to a request without a subject; this call was not"
              + " charged, retry later");
    }
    ErrorCode code =
        switch (subject) {
          case USER -> ErrorCode.USER_NOT_FOUND;
          case NOTE -> ErrorCode.NOTE_NOT_FOUND;
        };
    return new ApiError(
        code,
        "Xiaohongshu has no "
            + subject.noun()
            + " "
            + request.subjectId()
            + "; check the "
            + subject.param());
  }

  private static ApiError insufficientCredits(Caller caller, long price) {
    return new ApiError(
        ErrorCode.INSUFFICIENT_CREDITS,
        "this call costs "
            + price
            + " credit(s) and account "
            + caller.accountId()
            + " has fewer left; top up in the account center");
  }

  private static ApiError upstreamError(UpstreamException e) {
    return switch (e.kind()) {
      case UNUSABLE ->
          new ApiError(
              ErrorCode.UPSTREAM_ERROR,
              "the upstream answered with something unusable; this call was not charged, retry"
                  + " later");
      case UNAVAILABLE ->
          new ApiError(
              ErrorCode.UPSTREAM_UNAVAILABLE,
              "no upstream can take this call right now; it was not charged, retry later");
      case TIMEOUT ->
          new ApiError(
              ErrorCode.UPSTREAM_TIMEOUT,
              "the upstream did not answer in time; this call was not charged, retry later");
    };
  }
}
