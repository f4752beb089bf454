package dev.xhsopenapi.server.app;

import dev.xhsopenapi.server.cache.SharedAnswers;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.ratelimit.LocalRateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiterUnavailableException;
import dev.xhsopenapi.server.ratelimit.RedisRateLimiter;
import io.lettuce.core.RedisException;
import java.time.Clock;

/**
 * The node's rate limiter: in memory, or shared in Redis when {@code --redis} is set; and, with
 * {@code --redis}, the answers the nodes share.
 */
final class Limiters {
  private Limiters() {}

  /**
   * Connects the limiter {@code config} names; an {@link AutoCloseable} one holds a connection.
   *
   * @throws GatewayStartException when the Redis cannot be reached; its message names its address
   */
  static RateLimiter connect(GatewayConfig config, Clock clock) {
    if (config.redisUrl() == null) {
      return new LocalRateLimiter(clock);
    }
    try {
      return RedisRateLimiter.connect(config.redisUrl(), clock);
    } catch (RateLimiterUnavailableException e) {
      throw new GatewayStartException(e.getMessage(), e);
    }
  }

  /**
   * The answers shared through the Redis of {@code --redis}, or null on a single node or when
   * {@code upstream.cache.shared} is off. The caller closes it.
   *
   * @throws GatewayStartException when the Redis cannot be reached; its message names its address
   */
  static SharedAnswers sharedAnswers(GatewayConfig config) {
    if (config.redisUrl() == null || !config.upstream().cacheShared()) {
      return null;
    }
    try {
      return SharedAnswers.connect(config.redisUrl(), config.upstream().cacheSharedTimeout());
    } catch (RedisException e) {
      throw new GatewayStartException(
          "cannot connect to the shared cache's Redis (" + e.getMessage() + ")", e);
    }
  }
}
