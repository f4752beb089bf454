package dev.xhsopenapi.server.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Slows down password guessing: failed sign-ins are counted per email and per client address in the
 * shared store (so every node sees them), and a subject that fails too often in {@link #WINDOW} is
 * refused for {@link #LOCKOUT} without its password even being checked.
 */
final class LoginThrottle {
  /** The window failures are counted in, from a subject's first failure. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** How long a subject is refused once it reached its limit. */
  static final Duration LOCKOUT = Duration.ofMinutes(15);

  /** Failures of one email before it is locked. */
  static final int PER_EMAIL = 5;

  /** Failures from one address before it is locked; higher, as offices share addresses. */
  static final int PER_ADDRESS = 20;

  private final ConsoleStore store;
  private final Clock clock;

  LoginThrottle(ConsoleStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What failures are counted against, and how many it may have. */
  record Subject(String key, int limit) {}

  static Subject email(String email) {
    return new Subject("email:" + email.toLowerCase(Locale.ROOT), PER_EMAIL);
  }

  static Subject address(String address) {
    return new Subject("ip:" + address, PER_ADDRESS);
  }

  /**
   * Lets a sign-in attempt go ahead.
   *
   * @throws PageError 429 while any of the subjects is locked out
   */
  void check(List<Subject> subjects) {
    long now = clock.millis();
    long until = 0;
    for (Subject s : subjects) {
      until = Math.max(until, store.lockedUntil(s.key()));
    }
    if (until > now) {
      throw PageError.tooManyAttempts((until - now + 999) / 1000);
    }
  }

  /** Counts a failed attempt against each subject and locks those at their limit. */
  void failed(List<Subject> subjects) {
    long now = clock.millis();
    for (Subject s : subjects) {
      if (store.recordFailure(s.key(), now, WINDOW.toMillis()) >= s.limit()) {
        store.lock(s.key(), now + LOCKOUT.toMillis());
      }
    }
  }

  /** Forgets a subject's failures after it signed in. */
  void succeeded(Subject subject) {
    store.clearFailures(subject.key());
  }
}
