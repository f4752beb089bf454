package dev.xhsopenapi.server.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The strict window shared by every gateway node through one Redis, for cluster mode: each account
 * is a sorted set {@code xhs:rl:<account_id>} of its accepted requests scored by acceptance time,
 * and each decision is one atomic Lua script ({@code ratelimit/acquire.lua}), so the window is
 * exact across nodes exactly as {@link LocalRateLimiter} is exact within one.
 *
 * <p>The scripts are written by hand because the rate-limit libraries offer token buckets, fixed
 * windows or approximate sliding windows, and the contract here is the exact window.
 *
 * <p>Time is this node's {@link Clock}, passed to the script, so tests drive it and Redis needs no
 * clock of its own. The price is that clock skew between nodes shifts the window by the skew: an
 * acceptance stamped by a node running {@code d} ms fast leaves the window {@code d} ms late on the
 * other nodes, and theirs leave {@code d} ms early on it. NTP keeps {@code d} to a few ms.
 *
 * <p>When Redis cannot be reached or does not answer within {@link #COMMAND_TIMEOUT}, every method
 * throws {@link RateLimiterUnavailableException}: a limiter that cannot count refuses, never
 * allows. Thread-safe; all threads share one connection, which Lettuce pipelines.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
  /** How long a decision waits for Redis before the request is refused as unavailable. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

  static final String KEY_PREFIX = "xhs:rl:";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final RedisScript ACQUIRE = RedisScript.fromResource("ratelimit/acquire.lua");
  private static final RedisScript PEEK = RedisScript.fromResource("ratelimit/peek.lua");
  private static final RedisScript ACQUIRE_KEYED =
      RedisScript.fromResource("ratelimit/acquire_keyed.lua");

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  private final Clock clock;
  private final String keyPrefix;
  private final String address;
  // Members must be unique across nodes even within one millisecond: a random node tag plus a
  // per-node sequence. ZADD of an existing member would re-score it instead of counting a request.
  private final String node;
  private final AtomicLong sequence = new AtomicLong();

  private RedisRateLimiter(
      RedisClient client,
      StatefulRedisConnection<String, String> connection,
      Clock clock,
      String keyPrefix,
      String address) {
    this.client = client;
    this.connection = connection;
    this.commands = connection.sync();
    this.clock = clock;
    this.keyPrefix = keyPrefix;
    this.address = address;
    byte[] tag = new byte[8];
    new SecureRandom().nextBytes(tag);
    this.node = HexFormat.of().formatHex(tag);
  }

  /**
   * Connects to the Redis at {@code redisUrl} ({@code redis://host:port[/db]}, with an optional
   * password as {@code redis://:password@host:port}) and loads the scripts.
   *
   * @throws IllegalArgumentException if {@code redisUrl} is not a Redis URL
   * @throws RateLimiterUnavailableException if Redis cannot be reached
   */
  public static RedisRateLimiter connect(String redisUrl, Clock clock) {
    return connect(redisUrl, clock, KEY_PREFIX);
  }

  /** As {@link #connect(String, Clock)}, with the accounts' keys under {@code keyPrefix}. */
  static RedisRateLimiter connect(String redisUrl, Clock clock, String keyPrefix) {
    RedisURI uri = parse(redisUrl);
    uri.setTimeout(COMMAND_TIMEOUT);
    String address = uri.getHost() + ":" + uri.getPort();
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            // Fail at once while Lettuce reconnects, rather than queue decisions behind an outage.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
    try {
      StatefulRedisConnection<String, String> connection = client.connect();
      ACQUIRE.load(connection.sync());
      PEEK.load(connection.sync());
      ACQUIRE_KEYED.load(connection.sync());
      return new RedisRateLimiter(client, connection, clock, keyPrefix, address);
    } catch (RedisException e) {
      shutdown(client);
      throw RateLimiterUnavailableException.from(address, COMMAND_TIMEOUT, e);
    }
  }

  private static RedisURI parse(String redisUrl) {
    try {
      return RedisURI.create(redisUrl);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the Redis URL must look like redis://host:port[/db], got '" + redisUrl + "'", e);
    }
  }

  @Override
  public RateLimitDecision tryAcquire(String accountId, int limit) {
    long now = clock.millis();
    String member = now + "-" + node + "-" + sequence.incrementAndGet();
    List<?> reply =
        call(
            () ->
                ACQUIRE.run(
                    commands,
                    keyPrefix + accountId,
                    Long.toString(now),
                    Long.toString(now - WINDOW_MS),
                    Integer.toString(limit),
                    Long.toString(WINDOW_MS),
                    member));
    return decision(reply, limit, now);
  }

  @Override
  public RateLimitDecision peek(String accountId, int limit) {
    long now = clock.millis();
    List<?> reply =
        call(
            () ->
                PEEK.run(
                    commands,
                    keyPrefix + accountId,
                    Long.toString(now),
                    Long.toString(now - WINDOW_MS),
                    Integer.toString(limit)));
    return decision(reply, limit, now);
  }

  @Override
  public KeyedDecision tryAcquire(String accountId, int accountLimit, String keyId, int keyLimit) {
    long now = clock.millis();
    String member = now + "-" + node + "-" + sequence.incrementAndGet();
    List<?> reply =
        call(
            () ->
                ACQUIRE_KEYED.run(
                    commands,
                    List.of(keyPrefix + accountId, keyPrefix + RateLimiter.keyWindow(keyId)),
                    Long.toString(now),
                    Long.toString(now - WINDOW_MS),
                    Integer.toString(accountLimit),
                    Integer.toString(keyLimit),
                    Long.toString(WINDOW_MS),
                    member));
    boolean accepted = number(reply, 0) == 1;
    return new KeyedDecision(
        decision(accepted, number(reply, 1), number(reply, 2), accountLimit, now),
        decision(accepted, number(reply, 3), number(reply, 4), keyLimit, now));
  }

  /**
   * Checks that Redis answers, for the node's readiness.
   *
   * @throws RateLimiterUnavailableException when it does not within {@link #COMMAND_TIMEOUT}
   */
  public void ping() {
    try {
      commands.ping();
    } catch (RedisException e) {
      throw RateLimiterUnavailableException.from(address, COMMAND_TIMEOUT, e);
    }
  }

  private List<?> call(Supplier<List<?>> script) {
    try {
      return script.get();
    } catch (RedisException e) {
      throw RateLimiterUnavailableException.from(address, COMMAND_TIMEOUT, e);
    }
  }

  /** The same values {@link LocalRateLimiter} reports for the same window. */
  private static RateLimitDecision decision(List<?> reply, int limit, long now) {
    return decision(number(reply, 0) == 1, number(reply, 1), number(reply, 2), limit, now);
  }

  /**
   * One window's decision from its count and the time whose departure frees a slot; a window of a
   * refused keyed request that had room itself reports it as allowing.
   */
  private static RateLimitDecision decision(
      boolean accepted, long count, long frees, int limit, long now) {
    boolean allowed = accepted || count < limit;
    long reset = count == 0 ? 0 : ceilSeconds(frees + WINDOW_MS - now);
    long retryAfter = allowed ? 0 : Math.max(1, reset);
    int remaining = (int) Math.max(0, limit - count);
    return new RateLimitDecision(allowed, limit, remaining, reset, retryAfter);
  }

  private static long number(List<?> reply, int index) {
    if (reply.size() > index && reply.get(index) instanceof Long n) {
      return n;
    }
    throw new IllegalStateException("unexpected reply from the rate-limit script: " + reply);
  }

  private static long ceilSeconds(long ms) {
    return Math.max(0, (ms + 999) / 1000);
  }

  /** Closes the connection and the client's threads. */
  @Override
  public void close() {
    connection.close();
    shutdown(client);
  }

  private static void shutdown(RedisClient client) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
