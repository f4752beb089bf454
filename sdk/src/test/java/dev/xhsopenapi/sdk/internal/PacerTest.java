package dev.xhsopenapi.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.RateLimit;
import dev.xhsopenapi.sdk.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pacing of requests that overlap, as when threads share one client. */
class PacerTest {
  private final ManualTime time = new ManualTime();
  private final Pacer pacer = new Pacer(time);

  private static RateLimit left(int remaining, int resetSeconds) {
    return new RateLimit(10, remaining, Duration.ofSeconds(resetSeconds));
  }

  private Pacer.Ticket acquire() throws InterruptedException {
    return pacer.acquire(time, EventListener.NONE);
  }

  @Test
  void remaining_isReducedByTheRequestsSentAfterTheAnsweredOne() throws Exception {
    Pacer.Ticket first = acquire();
    acquire();
    acquire();

    // The first answer left 2 slots, but two requests went after it: the next must wait.
    pacer.report(first, left(2, 30));
    acquire();

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void whileAProbeIsOut_otherRequestsWaitForItsAnswer() throws Exception {
    pacer.report(acquire(), left(0, 3));
    Pacer.Ticket probe = acquire();
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Pacer.Ticket> next = pool.submit(this::acquire);
      Thread.sleep(300);
      assertThat(next).isNotDone();

      pacer.report(probe, left(4, 50));

      assertThat(next.get(10, TimeUnit.SECONDS).seq()).isGreaterThan(probe.seq());
    }
    assertThat(time.sleeps).hasSize(1);
  }

  @Test
  void aProbeWithoutAnswer_letsTheNextRequestProbeAgain() throws Exception {
    pacer.report(acquire(), left(0, 2));
    Pacer.Ticket probe = acquire();

    pacer.report(probe, null);
    Pacer.Ticket again = acquire();

    assertThat(again.seq()).isGreaterThan(probe.seq());
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void anOlderAnswer_arrivingLate_doesNotOverrideANewerOne() throws Exception {
    Pacer.Ticket older = acquire();
    Pacer.Ticket newer = acquire();
    pacer.report(newer, left(0, 9));
    pacer.report(older, left(5, 1));

    acquire();

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(9));
    assertThat(pacer.latest()).isEqualTo(left(0, 9));
  }

  /** A clock that moves only when slept on. */
  private static final class ManualTime extends Clock implements Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicLong millis =
        new AtomicLong(Instant.parse("2026-11-01T08:00:00Z").toEpochMilli());

    @Override
    public void sleep(Duration d) {
      sleeps.add(d);
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
