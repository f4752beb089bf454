package dev.xhsopenapi.server.ops.health;

import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.ratelimit.RedisRateLimiter;
import java.util.Map;

/** The shared limiter's Redis answers a PING; the local limiter needs nothing. */
final class RateLimiterCheck implements Check {
  private final RateLimiter limiter;

  RateLimiterCheck(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public String name() {
    return "rate_limiter";
  }

  @Override
  public Result run() {
    if (limiter instanceof RedisRateLimiter redis) {
      redis.ping();
      return new Result(true, Map.of("kind", "redis"));
    }
    return new Result(true, Map.of("kind", "local"));
  }
}
