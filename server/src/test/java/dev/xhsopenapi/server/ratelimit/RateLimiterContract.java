package dev.xhsopenapi.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} promises, run against each implementation by a subclass; the
 * properties' tries come from the subclass's {@code @PropertyDefaults}.
 */
abstract class RateLimiterContract {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final List<RateLimiter> opened = new ArrayList<>();
  private int accounts;
  private RateLimiter limiter;

  /** A limiter reading time from {@code clock} whose accounts all start with empty windows. */
  abstract RateLimiter newLimiter(Clock clock);

  /** Opens a limiter that is closed after the test, as a second node would be. */
  final RateLimiter open(Clock c) {
    RateLimiter l = newLimiter(c);
    opened.add(l);
    return l;
  }

  // Both engines' annotations: Jupiter runs the @Tests, jqwik the @Propertys.
  @BeforeEach
  @BeforeProperty
  void openLimiter() {
    limiter = open(clock);
  }

  @AfterEach
  @AfterProperty
  void closeLimiters() throws Exception {
    for (RateLimiter l : opened) {
      if (l instanceof AutoCloseable c) {
        c.close();
      }
    }
    opened.clear();
  }

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
  void keyedAcquire_keyLimit5InsideAccount300_refusesTheSixth_whileASiblingKeyGoesOn() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("acc", 300, "k1", 5).allowed()).isTrue();
    }
    KeyedDecision sixth = limiter.tryAcquire("acc", 300, "k1", 5);
    assertThat(sixth.allowed()).isFalse();
    assertThat(sixth.keyBinds()).isTrue();
    assertThat(sixth.binding().limit()).isEqualTo(5);
    assertThat(sixth.binding().retryAfterSeconds()).isEqualTo(60);
    assertThat(limiter.tryAcquire("acc", 300, "k2", 5).allowed()).isTrue();
    // The refused call counted in neither window: 5 of k1 and 1 of k2 in the account's.
    assertThat(limiter.peek("acc", 300).remaining()).isEqualTo(294);
    clock.advance(Duration.ofSeconds(60));
    assertThat(limiter.tryAcquire("acc", 300, "k1", 5).allowed()).isTrue();
  }

  @Test
  void
      keyedAcquire_whenTheAccountIsFull_refusesWithTheAccountsDecision_andCountsNothingForTheKey() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("acc", 3).allowed()).isTrue();
    }
    KeyedDecision refused = limiter.tryAcquire("acc", 3, "k1", 10);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.keyBinds()).isFalse();
    assertThat(refused.binding().limit()).isEqualTo(3);
    clock.advance(Duration.ofSeconds(60));
    KeyedDecision next = limiter.tryAcquire("acc", 3, "k1", 10);
    assertThat(next.allowed()).isTrue();
    // The key's window holds only this call, so its 9 left are looser than the account's 2.
    assertThat(next.key().remaining()).isEqualTo(9);
    assertThat(next.binding().remaining()).isEqualTo(2);
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
  void tryAcquire_whenLimitIsLoweredThenRaised_stillCountsEveryAcceptance() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAcquire("a", 10).allowed()).isTrue();
    }
    assertThat(limiter.tryAcquire("a", 3).allowed()).isFalse();
    // Back to 10: the ten acceptances are still in the window, so nothing more fits.
    assertThat(limiter.tryAcquire("a", 10).allowed()).isFalse();
    assertThat(limiter.peek("a", 12).remaining()).isEqualTo(2);
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

  @Test
  void peek_whenTheWindowIsEmpty_reportsAFullWindowAndNoReset() {
    assertThat(limiter.peek("a", 4)).isEqualTo(new RateLimitDecision(true, 4, 4, 0, 0));
    limiter.tryAcquire("a", 4);
    clock.advance(Duration.ofMillis(RateLimiter.WINDOW_MS));
    assertThat(limiter.peek("a", 4)).isEqualTo(new RateLimitDecision(true, 4, 4, 0, 0));
  }

  /**
   * For any arrival pattern: no 60 s window holds more than {@code limit} acceptances, and every
   * refusal had exactly {@code limit} acceptances in the 60 s before it (the limiter is exact, not
   * merely safe); every decision and every peek carries the header values of that window.
   */
  @Property
  void window_isExact(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 5_000) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 20) int limit) {
    String account = freshAccount();
    List<Long> accepted = new ArrayList<>();
    for (int gap : gapsMs) {
      clock.advance(Duration.ofMillis(gap));
      long now = clock.millis();
      long inWindow = accepted.stream().filter(t -> t > now - RateLimiter.WINDOW_MS).count();
      assertThat(limiter.peek(account, limit))
          .isEqualTo(expected(accepted, limit, now, inWindow < limit));
      RateLimitDecision decision = limiter.tryAcquire(account, limit);
      assertThat(decision.allowed()).isEqualTo(inWindow < limit);
      if (decision.allowed()) {
        accepted.add(now);
      }
      assertThat(decision).isEqualTo(expected(accepted, limit, now, decision.allowed()));
    }
  }

  /**
   * With the limit lowered now and then, each decision weighs the current limit against every
   * acceptance still in the window, and the reset names the acceptance whose departure frees a slot
   * under that limit.
   */
  @Property
  void window_whenTheLimitIsLowered_decidesOnTheCurrentLimit(
      @ForAll("arrivals") List<Arrival> arrivals,
      @ForAll @IntRange(min = 1, max = 30) int startLimit) {
    String account = freshAccount();
    int limit = startLimit;
    List<Long> accepted = new ArrayList<>();
    for (Arrival arrival : arrivals) {
      clock.advance(Duration.ofMillis(arrival.gapMs()));
      limit = Math.max(1, limit - arrival.lowerBy());
      long now = clock.millis();
      long inWindow = accepted.stream().filter(t -> t > now - RateLimiter.WINDOW_MS).count();
      RateLimitDecision decision = limiter.tryAcquire(account, limit);
      if (decision.allowed()) {
        accepted.add(now);
      }
      assertThat(decision).isEqualTo(expected(accepted, limit, now, inWindow < limit));
    }
  }

  /** A request's distance from the previous one, and how much the limit dropped before it. */
  record Arrival(int gapMs, int lowerBy) {}

  @Provide
  Arbitrary<List<Arrival>> arrivals() {
    Arbitrary<Integer> lowerBy =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 5)));
    return Combinators.combine(Arbitraries.integers().between(0, 2_000), lowerBy)
        .as(Arrival::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(300);
  }

  /** The decision a strict window holding {@code accepted} gives at {@code now}. */
  private static RateLimitDecision expected(
      List<Long> accepted, int limit, long now, boolean allowed) {
    List<Long> window =
        accepted.stream().filter(t -> t > now - RateLimiter.WINDOW_MS).sorted().toList();
    int count = window.size();
    long reset =
        count == 0
            ? 0
            : (window.get(Math.max(0, count - limit)) + RateLimiter.WINDOW_MS - now + 999) / 1000;
    long retryAfter = allowed ? 0 : Math.max(1, reset);
    return new RateLimitDecision(allowed, limit, Math.max(0, limit - count), reset, retryAfter);
  }

  /** An account no earlier try has touched, so each try starts with an empty window. */
  private String freshAccount() {
    return "try-" + ++accounts;
  }
}
