package dev.xhsopenapi.server.config;

import dev.xhsopenapi.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param upstream the page cache in front of the upstream: the gateway's own part of {@code
 *     upstream:}
 * @param upstreamSettings the provider chain, its time budget, the breakers and each provider, as
 *     {@link dev.xhsopenapi.upstream.Upstream#open} takes them
 * @param requestLog the request log's queue and retention
 * @param abandonReservationsAfter how old an open credit reservation must be to be released as
 *     abandoned by a dead node (longer than any request lives)
 * @param dbPoolSize connections to an external store
 * @param ops logging and shutdown
 * @param console the web console
 * @param watches creator watches and their webhooks
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
    UpstreamSettings upstreamSettings,
    RequestLogSettings requestLog,
    Duration abandonReservationsAfter,
    int dbPoolSize,
    Ops ops,
    ConsoleSettings console,
    WatchSettings watches) {

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
        upstreamSettings,
        requestLog,
        abandonReservationsAfter,
        dbPoolSize,
        ops,
        console,
        watches);
  }

  /**
   * The page cache of upstream answers (the rest of {@code upstream:} is {@link
   * #upstreamSettings()}).
   *
   * @param cacheTtl how long a cached page is served as fresh, for the operations without a time of
   *     their own in {@code cacheTtlByOperation} (the notes walks)
   * @param cacheStale how old a cached page may be when it is served because every provider failed
   * @param cacheMaxBytes the most page bytes the cache keeps
   * @param cacheTtlByOperation how long an answer of each operation that has its own time ({@code
   *     cache-ttl-s.<op id>}) is served as fresh, by op id; zero: not kept once answered
   * @param cacheShared whether, in cluster mode ({@code --redis}), the nodes share their answers
   *     through Redis behind each node's own cache
   * @param cacheSharedTimeout how long a request waits for the shared cache before it asks the
   *     upstream instead
   */
  public record Upstream(
      Duration cacheTtl,
      Duration cacheStale,
      long cacheMaxBytes,
      Map<String, Duration> cacheTtlByOperation,
      boolean cacheShared,
      Duration cacheSharedTimeout) {
    /** Copies the map. */
    public Upstream {
      cacheTtlByOperation = Map.copyOf(cacheTtlByOperation);
    }
  }

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
