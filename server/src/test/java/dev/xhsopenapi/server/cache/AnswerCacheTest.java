package dev.xhsopenapi.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.ProviderChain;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class AnswerCacheTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void identicalConcurrentRequests_shareOneUpstreamCall() throws Exception {
    ScriptedProvider slow = ScriptedProvider.slow(Duration.ofMillis(300));
    AnswerCache cache = cache(slow, Duration.ofSeconds(60));
    List<Future<AnswerCache.Fetched>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(executor.submit(() -> cache.fetch(notes(USER, ""), call())));
    }
    int misses = 0;
    for (Future<AnswerCache.Fetched> f : futures) {
      misses += f.get().cache() == AnswerCache.CacheStatus.MISS ? 1 : 0;
    }
    assertThat(slow.calls()).isEqualTo(1);
    assertThat(misses).isEqualTo(1);
    // Each of the other 19 requests is a call the source did not get.
    assertThat(cache.savedCalls()).containsExactly(Map.entry("scripted", 19L));
  }

  @Test
  void differentCursors_areDifferentPages() throws Exception {
    ScriptedProvider fast = ScriptedProvider.slow(Duration.ZERO);
    AnswerCache cache = cache(fast, Duration.ofSeconds(60));
    cache.fetch(notes(USER, ""), call());
    cache.fetch(notes(USER, "6a4f6a19000000005ce2ce14"), call());
    cache.fetch(notes(USER, ""), call());
    assertThat(fast.calls()).isEqualTo(2);
  }

  @Test
  void entries_expireAfterTheTtl() throws Exception {
    ScriptedProvider fast = ScriptedProvider.slow(Duration.ZERO);
    AnswerCache cache = cache(fast, Duration.ofSeconds(60));
    assertThat(cache.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.MISS);
    clock.advance(Duration.ofSeconds(59));
    assertThat(cache.fetch(notes(USER, ""), call()).cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(fast.calls()).isEqualTo(2);
  }

  @Test
  void anOperatorsTimeForAnOperation_overridesTheDefault_andZeroKeepsNothing() throws Exception {
    ScriptedProvider fast = ScriptedProvider.slow(Duration.ZERO);
    AnswerCache shorter =
        cache(
            fast, Duration.ofSeconds(60), Map.of(Operation.USER_NOTES.id(), Duration.ofSeconds(5)));
    assertThat(shorter.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.MISS);
    clock.advance(Duration.ofSeconds(4));
    assertThat(shorter.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.HIT);
    clock.advance(Duration.ofSeconds(2));
    assertThat(shorter.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(fast.calls()).isEqualTo(2);

    ScriptedProvider uncached = ScriptedProvider.slow(Duration.ZERO);
    AnswerCache never =
        cache(uncached, Duration.ofSeconds(60), Map.of(Operation.USER_NOTES.id(), Duration.ZERO));
    assertThat(never.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(never.fetch(notes(USER, ""), call()).cache())
        .isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(uncached.calls()).isEqualTo(2);
  }

  @Test
  void cachedData_isThePageOnceFetched_andNothingBeforeOrAfterTheTtl() throws Exception {
    ScriptedProvider fast = ScriptedProvider.slow(Duration.ZERO);
    AnswerCache cache = cache(fast, Duration.ofSeconds(60));
    UpstreamRequest query = notes(USER, "");
    assertThat(cache.cachedData(query)).isNull();
    AnswerCache.Fetched fetched = cache.fetch(query, call());
    assertThat(cache.cachedData(query)).isSameAs(fetched.answer());
    assertThat(cache.cachedData(notes(USER, "6a4f6a19000000005ce2ce14"))).isNull();
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.cachedData(query)).isNull();
    assertThat(fast.calls()).isEqualTo(1);
  }

  @Test
  void cachedData_doesNotWaitForAFetchUnderWay() throws Exception {
    ScriptedProvider slow = ScriptedProvider.slow(Duration.ofMillis(500));
    AnswerCache cache = cache(slow, Duration.ofSeconds(60));
    UpstreamRequest query = notes(USER, "");
    Future<AnswerCache.Fetched> fetching = executor.submit(() -> cache.fetch(query, call()));
    while (slow.calls() == 0) {
      Thread.onSpinWait();
    }
    assertThat(cache.cachedData(query)).isNull();
    assertThat(cache.cachedData(query)).isNull();
    assertThat(fetching.get().cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(cache.cachedData(query)).isNotNull();
  }

  @Test
  void aVirtualThreadFetchesOnItsOwnThread_aPlatformThreadOnTheExecutor() throws Exception {
    ThreadRecorder recorder = new ThreadRecorder();
    AnswerCache cache = cache(recorder, Duration.ofSeconds(60));
    Thread[] caller = new Thread[1];
    Thread.ofVirtual()
        .start(
            () -> {
              caller[0] = Thread.currentThread();
              MDC.put("request_id", "outer");
              try {
                cache.fetch(notes(USER, ""), new UpstreamCall("inner", "a", deadline()));
                // The fetch's request id was the call's, and the caller's own is back.
                assertThat(MDC.get("request_id")).isEqualTo("outer");
              } catch (UpstreamException | InterruptedException e) {
                throw new AssertionError(e);
              } finally {
                MDC.remove("request_id");
              }
            })
        .join();
    assertThat(recorder.threads).containsExactly(caller[0]);
    assertThat(recorder.requestIds).containsExactly("inner");

    AnswerCache.Fetched fetched =
        cache.fetch(
            notes(USER, "6a4f6a19000000005ce2ce14"), new UpstreamCall("p", "a", deadline()));
    assertThat(fetched.cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(recorder.threads).hasSize(2);
    assertThat(recorder.threads.get(1)).isNotSameAs(Thread.currentThread());
    assertThat(recorder.threads.get(1).isVirtual()).isTrue();
  }

  @Test
  void aFetchOverrunningItsDeadline_isATimeout_andItsAnswerIsKept() throws Exception {
    // The source answers after 300 ms of the call's 50.
    ScriptedProvider slow = ScriptedProvider.slow(Duration.ofMillis(300));
    AnswerCache cache = cache(slow, Duration.ofSeconds(60));
    UpstreamCall shortCall = new UpstreamCall("r", "a", clock.instant().plusMillis(50));
    Future<UpstreamException> late =
        executor.submit(
            () -> {
              try {
                cache.fetch(notes(USER, ""), shortCall);
                return null;
              } catch (UpstreamException e) {
                return e;
              }
            });
    assertThat(late.get()).isNotNull();
    assertThat(late.get().kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
    AnswerCache.Fetched next = executor.submit(() -> cache.fetch(notes(USER, ""), call())).get();
    assertThat(next.cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    assertThat(slow.calls()).isEqualTo(1);
  }

  @Test
  void failures_areNotCached() {
    ScriptedProvider failing = ScriptedProvider.failing(UpstreamException.Kind.UNAVAILABLE);
    AnswerCache cache = cache(failing, Duration.ofSeconds(60));
    for (int i = 0; i < 3; i++) {
      try {
        cache.fetch(notes(USER, ""), call());
      } catch (UpstreamException e) {
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(failing.calls()).isEqualTo(3);
  }

  private Instant deadline() {
    return clock.instant().plusSeconds(8);
  }

  /** Answers an empty page at once, noting the thread and the request id of each fetch. */
  private static final class ThreadRecorder implements UpstreamProvider {
    private final ScriptedProvider answers = ScriptedProvider.slow(Duration.ZERO);
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final List<String> requestIds = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return answers.name();
    }

    @Override
    public Set<Operation> operations() {
      return answers.operations();
    }

    @Override
    public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
        throws UpstreamException, InterruptedException {
      threads.add(Thread.currentThread());
      requestIds.add(MDC.get("request_id"));
      return answers.fetch(request, call);
    }
  }

  private AnswerCache cache(UpstreamProvider provider, Duration ttl) {
    return cache(provider, ttl, Map.of());
  }

  private AnswerCache cache(
      UpstreamProvider provider, Duration ttl, Map<String, Duration> ttlByOperation) {
    return new AnswerCache(
        new ProviderChain(List.of(provider), clock),
        clock,
        ttl,
        ttlByOperation,
        Duration.ofMinutes(10),
        1 << 20,
        executor);
  }

  private UpstreamCall call() {
    return new UpstreamCall("r", "a", clock.instant().plusSeconds(8));
  }

  private static UpstreamRequest notes(String userId, String cursor) {
    return Operation.USER_NOTES.request(Map.of("user_id", userId, "cursor", cursor));
  }
}
