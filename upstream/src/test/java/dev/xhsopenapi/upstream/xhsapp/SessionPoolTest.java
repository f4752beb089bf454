package dev.xhsopenapi.upstream.xhsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.ProviderHealth;
import dev.xhsopenapi.upstream.SessionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionPoolTest {
  private final Clock clock = Clock.systemUTC();

  private static SessionSpec spec(String id) {
    return new SessionSpec(id, "session." + id, "dev-" + id, "fid-" + id, null, Map.of());
  }

  private static Instant in(Duration d) {
    return Instant.now().plus(d);
  }

  @Test
  void aSession_isNotReusedBeforeItsPace() throws Exception {
    SessionPool pool = new SessionPool(List.of(spec("a")), clock, Duration.ofMillis(300), 0);
    UpstreamSession s = pool.acquire("acc", in(Duration.ofSeconds(5)), List.of()).orElseThrow();
    long released = System.currentTimeMillis();
    pool.release(s, new Verdict.Notes(new byte[0]), "");
    UpstreamSession again = pool.acquire("acc", in(Duration.ofSeconds(5)), List.of()).orElseThrow();
    assertThat(System.currentTimeMillis() - released).isGreaterThanOrEqualTo(300);
    assertThat(again).isSameAs(s);
  }

  @Test
  void acquire_whenNoSessionCanBeReadyBeforeTheDeadline_givesUpAtOnce() throws Exception {
    SessionPool pool = new SessionPool(List.of(spec("a")), clock, Duration.ofSeconds(30), 0);
    UpstreamSession s = pool.acquire("acc", in(Duration.ofSeconds(5)), List.of()).orElseThrow();
    pool.release(s, new Verdict.Notes(new byte[0]), "");
    long start = System.nanoTime();
    assertThat(pool.acquire("acc", in(Duration.ofSeconds(2)), List.of())).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void coolDown_andRetire_takeSessionsOutOfService() throws Exception {
    SessionPool pool = new SessionPool(List.of(spec("a"), spec("b")), clock, Duration.ZERO, 0);
    UpstreamSession a = pool.acquire("acc", in(Duration.ofSeconds(1)), List.of()).orElseThrow();
    pool.release(
        a, new Verdict.CoolDown(FailureClass.CAPTCHA, Duration.ofMinutes(10), "461"), "461");
    UpstreamSession b = pool.acquire("acc", in(Duration.ofSeconds(1)), List.of()).orElseThrow();
    assertThat(b).isNotSameAs(a);
    pool.release(b, new Verdict.Retire(FailureClass.EXPIRED, "-100"), "-100");
    assertThat(pool.acquire("acc", in(Duration.ofSeconds(1)), List.of())).isEmpty();
    List<SessionStatus> list = pool.list();
    assertThat(list.get(0).state()).isEqualTo(SessionStatus.State.COOLING);
    assertThat(list.get(0).coolDownUntil()).isNotNull();
    assertThat(list.get(0).failures()).isEqualTo(Map.of("captcha", 1L));
    assertThat(list.get(1).state()).isEqualTo(SessionStatus.State.RETIRED);
    assertThat(list.get(1).failures()).isEqualTo(Map.of("expired", 1L));
    assertThat(pool.usable()).isEqualTo(1);
    assertThat(pool.counts()).isEqualTo(new ProviderHealth.SessionCounts(0, 1, 1));
  }

  @Test
  void acquire_prefersSessionsNotYetTriedByTheRequest() throws Exception {
    SessionPool pool = new SessionPool(List.of(spec("a"), spec("b")), clock, Duration.ZERO, 0);
    UpstreamSession first = pool.acquire("acc", in(Duration.ofSeconds(1)), List.of()).orElseThrow();
    pool.release(first, new Verdict.RetryElsewhere(FailureClass.GENERIC, "-1"), "-1");
    UpstreamSession second =
        pool.acquire("acc", in(Duration.ofSeconds(1)), List.of(first)).orElseThrow();
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void aBurstOfOneAccount_doesNotStarveAnotherAccountsSingleCall() throws Exception {
    Duration pace = Duration.ofMillis(100);
    SessionPool pool = new SessionPool(List.of(spec("a")), clock, pace, 0);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(threads.submit(() -> call(pool, "burst", order)));
      }
      // The single call comes once the burst is being served, however late that is on a busy
      // machine; it then waits for at most one more slot of the burst (its call at hand, which
      // may have its slot but not be in the order yet, and the turn it is owed).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (order.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(order).isNotEmpty();
      int servedBefore = order.size();
      call(pool, "single", order);
      for (Future<?> f : calls) {
        f.get();
      }
      // The single call is served within one slot of the burst's turn, not after the burst.
      assertThat(order.indexOf("single")).isLessThanOrEqualTo(servedBefore + 2);
    }
  }

  private static Void call(SessionPool pool, String account, List<String> order)
      throws InterruptedException {
    Optional<UpstreamSession> s = pool.acquire(account, in(Duration.ofSeconds(10)), List.of());
    order.add(account);
    pool.release(s.orElseThrow(), new Verdict.Notes(new byte[0]), "");
    return null;
  }
}
