package dev.xhsopenapi.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;

/** The contract against the window in this process's memory. */
@PropertyDefaults(tries = 300)
class LocalRateLimiterTest extends RateLimiterContract {
  @Override
  RateLimiter newLimiter(Clock clock) {
    return new LocalRateLimiter(clock);
  }

  @Test
  void memory_growsWithTheCallsMade_notWithTheLimit() {
    // 5,000 accounts allowed a million calls a minute, one call each: a window sized by the
    // limit would need 40 GB; sized by the calls it needs a few hundred KB.
    LocalRateLimiter limiter =
        new LocalRateLimiter(new MutableClock(Instant.parse("2026-11-01T00:00:00Z")));
    for (int i = 0; i < 5_000; i++) {
      assertThat(limiter.tryAcquire("account-" + i, 1_000_000).allowed()).isTrue();
    }
  }
}
