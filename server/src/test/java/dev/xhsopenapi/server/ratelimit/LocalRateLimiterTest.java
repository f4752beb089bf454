package dev.xhsopenapi.server.ratelimit;

import java.time.Clock;
import net.jqwik.api.PropertyDefaults;

/** The contract against the window in this process's memory. */
@PropertyDefaults(tries = 300)
class LocalRateLimiterTest extends RateLimiterContract {
  @Override
  RateLimiter newLimiter(Clock clock) {
    return new LocalRateLimiter(clock);
  }
}
