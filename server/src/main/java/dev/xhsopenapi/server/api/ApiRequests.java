package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.auth.Authenticator;
import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.http.ErrorMapper;
import dev.xhsopenapi.server.http.RequestIds;
import dev.xhsopenapi.server.ops.logging.RequestLines;
import dev.xhsopenapi.server.ratelimit.KeyedDecision;
import dev.xhsopenapi.server.ratelimit.RateLimitDecision;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiterUnavailableException;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every customer endpoint does around its own work: authenticate the key, count the call
 * against the account's rate limit, render any refusal as the error envelope (with the rate-limit
 * headers when the caller is known), and write the request's log row, whatever happened.
 */
public final class ApiRequests {
  private static final Logger log = LoggerFactory.getLogger(ApiRequests.class);

  private final Authenticator authenticator;
  private final RateLimiter limiter;
  private final RequestLog requestLog;
  private final Responses responses;
  private final ErrorMapper errors;
  private final Clock clock;

  /** Creates the guard over the node's authenticator, limiter and request log. */
  public ApiRequests(
      Authenticator authenticator,
      RateLimiter limiter,
      RequestLog requestLog,
      Responses responses,
      ErrorMapper errors,
      Clock clock) {
    this.authenticator = authenticator;
    this.limiter = limiter;
    this.requestLog = requestLog;
    this.responses = responses;
    this.errors = errors;
    this.clock = clock;
  }

  /** The work of one endpoint, which may throw {@link ApiError}. */
  @FunctionalInterface
  interface Work {
    void run(Exchange x) throws Exception;
  }

  /**
   * Runs an endpoint's work with error rendering and the log row around it; the request's id and
   * its MDC come from {@link dev.xhsopenapi.server.http.RequestIdFilter}.
   *
   * @param path the path the log row names (the route's, not the request's)
   */
  void serve(ServerRequest req, ServerResponse res, String path, Work work) {
    Exchange x = new Exchange(RequestIds.of(res), path, clock.millis());
    // Queued as the answer is about to be written, not after: whoever has the answer then finds
    // the call in the usage, whose readers write the queued rows first.
    res.beforeSend(() -> logOnce(req, x));
    try {
      work.run(x);
    } catch (ApiError e) {
      fail(res, x, e);
    } catch (Exception e) {
      if (res.isSent()) {
        // The answer was decided and written (and charged, if a 200); the client left meanwhile.
        log.info("the client went away while its answer was sent: {}", e.getMessage());
        return;
      }
      fail(res, x, errors.map(req, x.requestId(), e));
    } finally {
      logOnce(req, x);
    }
  }

  /** Queues the request's log row and writes its request line, the first time only. */
  private void logOnce(ServerRequest req, Exchange x) {
    if (!x.markLogged()) {
      return;
    }
    RequestRecord row = x.record();
    requestLog.add(row);
    RequestLines.served(req.prologue().method().text(), row);
  }

  /**
   * Authenticates the request's {@code Authorization} header and records the caller on {@code x}
   * and in the MDC (account and key prefix, never the key).
   *
   * @throws ApiError 401 {@code invalid_api_key}, 403 {@code key_disabled} or {@code
   *     account_suspended}
   */
  Caller authenticate(ServerRequest req, Exchange x) {
    Caller caller =
        authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
    x.caller(caller);
    MDC.put("account", caller.accountId());
    MDC.put("key_prefix", caller.keyPrefix());
    return caller;
  }

  /**
   * Counts the call against the caller's account limit, and the key's own limit when it has one
   * (both windows or neither), and records on {@code x} the decision the headers report.
   *
   * @throws ApiError 429 {@code rate_limited} when the account or the key has used its calls of the
   *     window
   */
  void admit(Caller caller, Exchange x) {
    Integer keyLimit = caller.keyRules().rateLimitPerMinute();
    if (keyLimit != null && caller.keyId() != null) {
      KeyedDecision both =
          limiter.tryAcquire(
              caller.accountId(), caller.rateLimitPerMinute(), caller.keyId(), keyLimit);
      x.rate(both.binding());
      if (!both.allowed() && both.keyBinds()) {
        throw new ApiError(
            ErrorCode.RATE_LIMITED,
            "API key "
                + caller.keyPrefix()
                + "… may make "
                + keyLimit
                + " calls per minute and has made them all; retry in "
                + both.key().retryAfterSeconds()
                + " s (the account's other keys are not held back by this key's limit)");
      }
      if (!both.allowed()) {
        throw accountLimited(caller, both.account());
      }
      return;
    }
    RateLimitDecision decision =
        limiter.tryAcquire(caller.accountId(), caller.rateLimitPerMinute());
    x.rate(decision);
    if (!decision.allowed()) {
      throw accountLimited(caller, decision);
    }
  }

  /**
   * Refuses the call with 403 {@code key_scope} (free, before the limiter) unless the caller's key
   * may use {@code scope}: an operation id, {@code mcp} or {@code watches}.
   */
  static void requireScope(Caller caller, String scope) {
    if (!caller.allows(scope)) {
      throw new ApiError(
          ErrorCode.KEY_SCOPE,
          "API key "
              + caller.keyPrefix()
              + "… may not call "
              + scope
              + "; its scopes are "
              + String.join(", ", caller.keyRules().scopes())
              + ". Use a key with this scope, or roll this key with the scope added");
    }
  }

  private static ApiError accountLimited(Caller caller, RateLimitDecision decision) {
    return new ApiError(
        ErrorCode.RATE_LIMITED,
        "account "
            + caller.accountId()
            + " may make "
            + decision.limit()
            + " calls per minute and has made them all; retry in "
            + decision.retryAfterSeconds()
            + " s");
  }

  private void fail(ServerResponse res, Exchange x, ApiError e) {
    Caller caller = x.caller();
    if (caller != null && x.rate() == null) {
      try {
        x.rate(limiter.peek(caller.accountId(), caller.rateLimitPerMinute()));
      } catch (RateLimiterUnavailableException unavailable) {
        // The error itself is what matters; the headers are left out.
      }
    }
    x.ended(e.code().status(), e.code().wire());
    x.writeRateHeaders(res);
    responses.error(res, x.requestId(), e);
  }
}
