package dev.xhsopenapi.sdk.internal;

import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.RateLimit;
import dev.xhsopenapi.sdk.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * Paces every request of one client from the rate-limit headers, so that a long walk never meets a
 * 429: while the latest answer left slots, requests go; when it left none, they wait until it said
 * a slot frees, then one request goes and its answer tells the rest.
 *
 * <p>Shared by every thread of the client. An answer's {@code remaining} does not know about the
 * requests sent after the answered one, so those are taken off it: the estimate may run low, never
 * high.
 */
public final class Pacer {
  /** How long a thread waits, at most, for the answer of another thread's probe. */
  private static final long PROBE_POLL_MS = 100;

  private final Clock clock;
  private long issued;
  private long reportSeq;
  private long reportedRemaining = Long.MAX_VALUE;
  private long slotFreesAtMs;
  private long probeSeq;
  private RateLimit latest;

  /** Creates a pacer that knows nothing yet: requests go until an answer says otherwise. */
  public Pacer(Clock clock) {
    this.clock = clock;
  }

  /** Leave to send one request; report its answer with {@link #report}. */
  public record Ticket(long seq) {}

  /**
   * Waits until a request may go without exceeding the rate limit.
   *
   * @param sleeper how to wait for a slot
   * @param listener told before each wait
   * @return the ticket of the request
   * @throws InterruptedException when interrupted while waiting
   */
  public Ticket acquire(Sleeper sleeper, EventListener listener) throws InterruptedException {
    while (true) {
      long waitMs;
      synchronized (this) {
        long sentSinceReport = issued - reportSeq;
        if (reportedRemaining - sentSinceReport > 0) {
          return new Ticket(++issued);
        }
        if (probeSeq > reportSeq) {
          // Another request already went for the freed slot; its answer will say what is left.
          wait(PROBE_POLL_MS);
          continue;
        }
        waitMs = slotFreesAtMs - clock.millis();
        if (waitMs <= 0) {
          probeSeq = ++issued;
          return new Ticket(probeSeq);
        }
      }
      Duration wait = Duration.ofMillis(waitMs);
      listener.waiting(wait, EventListener.WaitReason.PACING);
      sleeper.sleep(wait);
    }
  }

  /**
   * Takes in what the answer to a ticket's request said.
   *
   * @param ticket the request's ticket
   * @param rateLimit the answer's rate-limit state, or null when no answer came or it had none
   */
  public synchronized void report(Ticket ticket, RateLimit rateLimit) {
    if (rateLimit == null) {
      if (ticket.seq() == probeSeq) {
        // The probe learnt nothing: let the next request probe again.
        probeSeq = 0;
      }
      notifyAll();
      return;
    }
    if (ticket.seq() < reportSeq) {
      return;
    }
    reportSeq = ticket.seq();
    reportedRemaining = rateLimit.remaining();
    latest = rateLimit;
    // A zero reset with a full window cannot be right; one second is the header's resolution.
    long resetMs = Math.max(rateLimit.reset().toMillis(), rateLimit.remaining() == 0 ? 1000 : 0);
    slotFreesAtMs = clock.millis() + resetMs;
    notifyAll();
  }

  /**
   * The state the newest answer reported.
   *
   * @return the state, or null before any answer reported one
   */
  public synchronized RateLimit latest() {
    return latest;
  }
}
