package dev.xhsopenapi.server.app;

import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.ratelimit.LocalRateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiterUnavailableException;
import dev.xhsopenapi.server.ratelimit.RedisRateLimiter;
import java.time.Clock;

/** The node's rate limiter: in memory, or shared in Redis when {@code --redis} is set. */
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
}
