package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.ratelimit.RateLimitDecision;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import io.helidon.webserver.http.ServerResponse;

/**
 * What is known of one request while it is served: its id, who asked, what they asked, and how it
 * ended. It becomes the request's log row.
 */
public final class Exchange {
  private final String requestId;
  private final long startNanos = System.nanoTime();
  private final long atMs;
  private final String path;
  private Caller caller;
  private String userId;
  private String cursor;
  private RateLimitDecision rate;
  private int status;
  private String error;
  private long charged;
  private String cache;
  private Long upstreamMs;
  private long upstreamSpend;
  private String watchId;
  private String tool;
  private long retryAfterSeconds;
  private Long creditsRemaining;
  private boolean logged;

  Exchange(String requestId, String path, long atMs) {
    this.requestId = requestId;
    this.path = path;
    this.atMs = atMs;
  }

  /** The request's id (UUID v4, from {@link dev.xhsopenapi.server.http.RequestIds}). */
  public String requestId() {
    return requestId;
  }

  /** The authenticated caller, or null before authentication. */
  public Caller caller() {
    return caller;
  }

  void caller(Caller caller) {
    this.caller = caller;
  }

  void query(String userId, String cursor) {
    this.userId = userId;
    this.cursor = cursor;
  }

  void rate(RateLimitDecision rate) {
    this.rate = rate;
  }

  RateLimitDecision rate() {
    return rate;
  }

  void ended(int status, String error) {
    this.status = status;
    this.error = error;
  }

  void charged(long credits) {
    this.charged = credits;
  }

  void upstream(String cache, Long upstreamMs) {
    this.cache = cache;
    this.upstreamMs = upstreamMs;
  }

  /** What the sources billed for this request, in millionths of their cost's unit. */
  void spent(long micros) {
    this.upstreamSpend = micros;
  }

  /** Marks the request as a poll of this creator watch (its log row names the watch). */
  void watch(String watchId) {
    this.watchId = watchId;
  }

  /** Asks for {@code Retry-After} on a refusal that is not the rate limiter's (a spend cap). */
  void retryAfter(long seconds) {
    this.retryAfterSeconds = seconds;
  }

  /** Records the balance the call's charge left, for {@code X-Credits-Remaining}. */
  void creditsRemaining(long balance) {
    this.creditsRemaining = balance;
  }

  /**
   * Writes {@code X-Credits-Charged} and {@code X-Credits-Remaining} (DESIGN §14) for a charged
   * answer.
   */
  void writeCreditHeaders(ServerResponse res) {
    if (creditsRemaining == null) {
      return;
    }
    res.header("X-Credits-Charged", Long.toString(charged));
    res.header("X-Credits-Remaining", Long.toString(creditsRemaining));
  }

  /** Marks the request as a call of this MCP tool (its log row names the tool). */
  void tool(String tool) {
    this.tool = tool;
  }

  /** Whether the request's outcome has been recorded ({@link #ended}). */
  boolean hasEnded() {
    return status != 0;
  }

  /** Writes the rate-limit headers of {@link #rate} (DESIGN §2) on the response. */
  void writeRateHeaders(ServerResponse res) {
    if (rate == null) {
      if (retryAfterSeconds > 0) {
        res.header("Retry-After", Long.toString(retryAfterSeconds));
      }
      return;
    }
    res.header("X-RateLimit-Limit", Integer.toString(rate.limit()));
    res.header("X-RateLimit-Remaining", Integer.toString(rate.remaining()));
    res.header("X-RateLimit-Reset", Long.toString(rate.resetSeconds()));
    res.header(
        "RateLimit-Policy", "\"default\";q=" + rate.limit() + ";w=" + RateLimiter.WINDOW_MS / 1000);
    res.header("RateLimit", "\"default\";r=" + rate.remaining() + ";t=" + rate.resetSeconds());
    if (!rate.allowed()) {
      res.header("Retry-After", Long.toString(rate.retryAfterSeconds()));
    } else if (retryAfterSeconds > 0) {
      res.header("Retry-After", Long.toString(retryAfterSeconds));
    }
  }

  /**
   * Marks the request's log row as written.
   *
   * @return whether it had not been yet
   */
  boolean markLogged() {
    boolean first = !logged;
    logged = true;
    return first;
  }

  /** The request's log row. */
  RequestRecord record() {
    return new RequestRecord(
        requestId,
        caller == null ? null : caller.accountId(),
        caller == null ? null : caller.keyId(),
        caller == null ? null : caller.keyPrefix(),
        path,
        userId,
        cursor,
        status,
        error,
        charged,
        cache,
        upstreamMs,
        (System.nanoTime() - startNanos) / 1_000_000,
        atMs,
        upstreamSpend,
        watchId,
        tool);
  }
}
