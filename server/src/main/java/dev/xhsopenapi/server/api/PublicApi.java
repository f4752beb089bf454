package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.auth.Authenticator;
import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Prices;
import dev.xhsopenapi.server.cache.AnswerCache;
import dev.xhsopenapi.server.http.ErrorMapper;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.server.http.RequestIds;
import dev.xhsopenapi.server.ops.logging.RequestLines;
import dev.xhsopenapi.server.ratelimit.RateLimitDecision;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiterUnavailableException;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The customer-facing API: one data endpoint per {@link Operation} of the catalogue (at its
 * SpiderHubs path, with its parameters, priced {@code prices.<op id>}) and the account endpoint.
 * Every data endpoint runs the contract's checks in order: authenticate → validate → rate limit →
 * reserve credit → fetch (cache, then the provider chain) → commit or release. Exactly the answers
 * with data are charged; a "not found", an error or a crash costs nothing.
 */
public final class PublicApi implements HttpService {
  /** The seed endpoint's path ({@link Operation#USER_NOTES}). */
  public static final String NOTES_PATH = Operation.USER_NOTES.path();

  /** The account endpoint's path. */
  public static final String ACCOUNT_PATH = "/openapi/v1/account";

  private static final Logger log = LoggerFactory.getLogger(PublicApi.class);

  private final Authenticator authenticator;
  private final RateLimiter limiter;
  private final CreditLedger ledger;
  private final Prices prices;
  private final AnswerCache answers;
  private final List<Operation> operations;
  private final AccountStore accounts;
  private final Usage usage;
  private final RequestLog requestLog;
  private final Responses responses;
  private final ErrorMapper errors;
  private final Clock clock;
  private final Duration upstreamBudget;

  /**
   * Creates the API.
   *
   * @param platform the node's shared collaborators (ledger, accounts, usage, request log…)
   * @param operations the data endpoints to serve, e.g. {@link Operation#all()}
   * @param upstreamBudget how long a request may wait for the upstream before it is answered 504
   */
  public PublicApi(
      Platform platform,
      Authenticator authenticator,
      RateLimiter limiter,
      Prices prices,
      AnswerCache answers,
      List<Operation> operations,
      Duration upstreamBudget) {
    this.authenticator = authenticator;
    this.limiter = limiter;
    this.ledger = platform.ledger();
    this.prices = prices;
    this.answers = answers;
    this.operations = List.copyOf(operations);
    this.accounts = platform.accounts();
    this.usage = platform.usage();
    this.requestLog = platform.requestLog();
    this.responses = platform.responses();
    this.errors = platform.errors();
    this.clock = platform.clock();
    this.upstreamBudget = upstreamBudget;
  }

  /** Registers {@code GET} on each operation's path and on {@link #ACCOUNT_PATH}. */
  @Override
  public void routing(HttpRules rules) {
    for (Operation operation : operations) {
      rules.get(
          operation.path(),
          (req, res) -> serve(req, res, operation.path(), x -> data(operation, req, res, x)));
    }
    rules.get(ACCOUNT_PATH, this::account);
  }

  private void data(Operation operation, ServerRequest req, ServerResponse res, Exchange x)
      throws InterruptedException {
    Caller caller = authenticate(req, x);
    UpstreamRequest request;
    try {
      request = operation.request(name -> Params.single(req.query(), name));
    } catch (InvalidParamException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
    // The request log has the user and cursor columns of the notes walks; other operations log
    // their cursor (if they page) and leave the user empty.
    x.query(
        request.operation().subject().orElse(null) == Operation.Subject.USER
            ? request.subjectId()
            : null,
        request.cursor());
    admit(caller, x);
    long price = prices.of(operation.id());
    UpstreamAnswer.Data cached = answers.cachedData(request);
    if (cached != null) {
      // The data is at hand, so nothing can fail between reserving and committing: one charge.
      if (!ledger.charge(caller.accountId(), x.requestId(), price)) {
        throw insufficientCredits(caller, price);
      }
      x.upstream(AnswerCache.CacheStatus.HIT.name(), null);
      answer(res, x, price, AnswerCache.CacheStatus.HIT, cached);
      return;
    }
    if (!ledger.reserve(caller.accountId(), x.requestId(), price)) {
      throw insufficientCredits(caller, price);
    }
    boolean charged = false;
    UpstreamCall call =
        new UpstreamCall(x.requestId(), caller.accountId(), clock.instant().plus(upstreamBudget));
    try {
      AnswerCache.Fetched fetched = answers.fetch(request, call);
      x.upstream(fetched.cache().name(), fetched.upstreamMs());
      if (fetched.answer() instanceof UpstreamAnswer.NotFound) {
        throw notFound(request);
      }
      UpstreamAnswer.Data data = (UpstreamAnswer.Data) fetched.answer();
      charged = ledger.commit(x.requestId());
      answer(res, x, charged ? price : 0, fetched.cache(), data);
    } catch (UpstreamException e) {
      throw upstreamError(e);
    } finally {
      x.spent(call.spend().micros());
      if (!charged) {
        ledger.release(x.requestId());
      }
    }
  }

  private void answer(
      ServerResponse res,
      Exchange x,
      long charged,
      AnswerCache.CacheStatus cache,
      UpstreamAnswer.Data data) {
    x.charged(charged);
    x.ended(200, null);
    x.writeRateHeaders(res);
    res.header("X-Cache", cache.name());
    responses.envelope(res, x.requestId(), data.body());
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

  private void account(ServerRequest req, ServerResponse res) {
    serve(
        req,
        res,
        ACCOUNT_PATH,
        x -> {
          Caller caller = authenticate(req, x);
          admit(caller, x);
          Account account =
              accounts
                  .find(caller.accountId())
                  .orElseThrow(() -> new IllegalStateException("key without account"));
          LocalDate today = usage.today();
          Usage.Report report = usage.report(account.accountId(), today, today);
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("account_id", account.accountId());
          data.put("name", account.name());
          data.put("balance", account.balance());
          data.put("rate_limit_per_minute", account.rateLimitPerMinute());
          // The request being answered is not in the log yet; it is one of today's calls.
          data.put("calls_today", report.calls() + 1);
          data.put("charged_today", report.charged());
          x.ended(200, null);
          x.writeRateHeaders(res);
          responses.envelope(res, x.requestId(), (Object) data);
        });
  }

  private Caller authenticate(ServerRequest req, Exchange x) {
    Caller caller =
        authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
    x.caller(caller);
    MDC.put("account", caller.accountId());
    MDC.put("key_prefix", caller.keyPrefix());
    return caller;
  }

  private void admit(Caller caller, Exchange x) {
    RateLimitDecision decision =
        limiter.tryAcquire(caller.accountId(), caller.rateLimitPerMinute());
    x.rate(decision);
    if (!decision.allowed()) {
      throw new ApiError(
          ErrorCode.RATE_LIMITED,
          "account "
              + caller.accountId()
              + " may make "
              + decision.limit()
              + " calls per minute and has made them all; retry in "
              + decision.retryAfterSeconds()
              + " s");
    }
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

  /** The work of one endpoint, which may throw {@link ApiError}. */
  @FunctionalInterface
  private interface Work {
    void run(Exchange x) throws Exception;
  }

  /**
   * Runs an endpoint's work with error rendering and the log row around it; the request's id and
   * its MDC come from {@link dev.xhsopenapi.server.http.RequestIdFilter}.
   */
  private void serve(ServerRequest req, ServerResponse res, String path, Work work) {
    Exchange x = new Exchange(RequestIds.of(res), path, clock.millis());
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
      RequestRecord row = x.record();
      requestLog.add(row);
      RequestLines.served(req.prologue().method().text(), row);
    }
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
