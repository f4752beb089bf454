package dev.xhsopenapi.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final LocalRateLimiter limiter = new LocalRateLimiter(clock);

  @Test
  void tryAcquire_whenBurstExceedsLimit_acceptsExactlyTheLimit() {
    List<Boolean> outcomes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      outcomes.add(limiter.tryAcquire("a", 5).allowed());
    }
    assertThat(outcomes).containsExactly(true, true, true, true, true, false, false, false);
  }

  @Test
  void tryAcquire_whenRefused_retryAfterCountsDownToTheOldestAcceptance() {
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("a", 5);
    }
    assertThat(limiter.tryAcquire("a", 5).retryAfterSeconds()).isEqualTo(60);
    clock.advance(Duration.ofSeconds(30));
    RateLimitDecision at30 = limiter.tryAcquire("a", 5);
    assertThat(at30.allowed()).isFalse();
    assertThat(at30.retryAfterSeconds()).isEqualTo(30);
    clock.advance(Duration.ofMillis(29_500));
    assertThat(limiter.tryAcquire("a", 5).retryAfterSeconds()).isEqualTo(1);
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire("a", 5).allowed()).isTrue();
  }

  @Test
  void tryAcquire_neverAcrossTheWindowBoundaryBurst() {
    // A fixed-minute or token-bucket limiter would accept 5 at 59.9 s and 5 more at 60.1 s.
    clock.advance(Duration.ofMillis(59_900));
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("a", 5).allowed()).isTrue();
    }
    clock.advance(Duration.ofMillis(200));
    assertThat(limiter.tryAcquire("a", 5).allowed()).isFalse();
  }

  @Test
  void tryAcquire_accountsAreIndependent() {
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("a", 5);
    }
    assertThat(limiter.tryAcquire("a", 5).allowed()).isFalse();
    assertThat(limiter.tryAcquire("b", 5).allowed()).isTrue();
  }

  @Test
  void peek_countsNothing() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.peek("a", 2).remaining()).isEqualTo(2);
    }
    assertThat(limiter.tryAcquire("a", 2).remaining()).isEqualTo(1);
  }

  @Test
  void tryAcquire_whenLimitIsLowered_keepsTheNewestAcceptances() {
    for (int i = 0; i < 10; i++) {
      limiter.tryAcquire("a", 10);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(limiter.tryAcquire("a", 3).allowed()).isFalse();
    // The newest three were accepted at 7, 8 and 9 s; the window frees a slot at 67 s.
    clock.advance(Duration.ofSeconds(56));
    assertThat(limiter.tryAcquire("a", 3).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("a", 3).allowed()).isTrue();
  }

  @Test
  void decision_headersValues_reportRemainingAndReset() {
    RateLimitDecision first = limiter.tryAcquire("a", 3);
    assertThat(first.remaining()).isEqualTo(2);
    assertThat(first.resetSeconds()).isEqualTo(60);
    clock.advance(Duration.ofSeconds(10));
    RateLimitDecision second = limiter.tryAcquire("a", 3);
    assertThat(second.remaining()).isEqualTo(1);
    assertThat(second.resetSeconds()).isEqualTo(50);
  }

  /**
   * For any arrival pattern: no 60 s window holds more than {@code limit} acceptances, and every
   * refusal had exactly {@code limit} acceptances in the 60 s before it (the limiter is exact, not
   * merely safe).
   */
  @Property(tries = 300)
  void window_isExact(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 5_000) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 20) int limit) {
    MutableClock c = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    LocalRateLimiter l = new LocalRateLimiter(c);
    List<Long> accepted = new ArrayList<>();
    for (int gap : gapsMs) {
      c.advance(Duration.ofMillis(gap));
      long now = c.millis();
      long inWindow = accepted.stream().filter(t -> t > now - RateLimiter.WINDOW_MS).count();
      boolean allowed = l.tryAcquire("x", limit).allowed();
      assertThat(allowed).isEqualTo(inWindow < limit);
      if (allowed) {
        accepted.add(now);
      }
    }
  }
}
