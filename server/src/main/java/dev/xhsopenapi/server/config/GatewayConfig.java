package dev.xhsopenapi.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a gateway node, loaded once (see {@link ConfigLoader}) and passed down by
 * constructors.
 *
 * @param port the HTTP port (0 picks a free one)
 * @param host the address the HTTP server binds ({@code 0.0.0.0}: every interface)
 * @param maxBodyBytes the largest request body accepted, in bytes; larger ones are refused with 413
 *     before they are read
 * @param dataDir where the embedded store keeps its file
 * @param dbUrl a JDBC URL of an external store, or null for the embedded one
 * @param redisUrl the Redis URL of cluster mode, or null for a single node
 * @param adminToken the operator's token; null or empty disables the admin API
 * @param demo whether the node runs as the self-contained demo
 * @param defaultRateLimit the rate limit per minute of new accounts
 * @param prices credits per successful call, by operation id
 * @param upstream the provider chain and cache
 * @param requestLog the request log's queue and retention
 * @param abandonReservationsAfter how old an open credit reservation must be to be released as
 *     abandoned by a dead node (longer than any request lives)
 * @param dbPoolSize connections to an external store
 * @param ops logging and shutdown
 * @param console the web console
 */
public record GatewayConfig(
    int port,
    String host,
    long maxBodyBytes,
    Path dataDir,
    String dbUrl,
    String redisUrl,
    String adminToken,
    boolean demo,
    int defaultRateLimit,
    Map<String, Long> prices,
    Upstream upstream,
    RequestLogSettings requestLog,
    Duration abandonReservationsAfter,
    int dbPoolSize,
    Ops ops,
    ConsoleSettings console) {

  /** This configuration with another admin token. */
  public GatewayConfig withAdminToken(String token) {
    return new GatewayConfig(
        port,
        host,
        maxBodyBytes,
        dataDir,
        dbUrl,
        redisUrl,
        token,
        demo,
        defaultRateLimit,
        prices,
        upstream,
        requestLog,
        abandonReservationsAfter,
        dbPoolSize,
        ops,
        console);
  }

  /** The provider chain, its time budget, the page cache, breakers and each provider. */
  public record Upstream(
      List<String> chain,
      Duration budget,
      Duration cacheTtl,
      Duration cacheStale,
      long cacheMaxBytes,
      Duration breakerOpenFor,
      Sim sim,
      XhsApp xhsApp,
      Relay relay) {}

  /** The Xiaohongshu App API provider ({@code xhs-app}). */
  public record XhsApp(
      String baseUrl,
      String signerUrl,
      Path sessionsFile,
      Duration pace,
      double paceJitter,
      Duration timeout,
      int attempts,
      Duration captchaCoolDown,
      Duration softBlockCoolDown,
      Duration rateLimitedCoolDown,
      Duration ipBlockedCoolDown,
      List<Integer> userNotFoundCodes) {}

  /** Another compatible API ({@code relay}); its key is never printed. */
  public record Relay(String baseUrl, String apiKey, String path, Duration timeout) {
    @Override
    public String toString() {
      return "Relay[baseUrl=" + baseUrl + ", path=" + path + ", timeout=" + timeout + "]";
    }
  }

  /** The in-process simulator used by the {@code sim} provider. */
  public record Sim(long seed, Path dataset, Duration latency) {}

  /** How many rows may wait to be written, and how long rows are kept. */
  public record RequestLogSettings(int queueCapacity, Duration retention) {}

  /**
   * How the node logs and stops.
   *
   * @param logFormat one JSON object per line, or plain text
   * @param shutdownGrace how long requests in flight may take to finish once stopping begins
   */
  public record Ops(LogFormat logFormat, Duration shutdownGrace) {}

  /** How log lines are written. */
  public enum LogFormat {
    /** One JSON object per line, for log collectors. */
    JSON,
    /** Plain lines, for people at a terminal. */
    TEXT
  }

  /**
   * The web console.
   *
   * @param secureCookies mark its cookies {@code Secure} even on plain HTTP (behind a TLS proxy)
   */
  public record ConsoleSettings(boolean secureCookies) {}
}
