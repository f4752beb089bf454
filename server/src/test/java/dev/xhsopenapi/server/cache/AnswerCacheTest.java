package dev.xhsopenapi.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.ProviderChain;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

  private AnswerCache cache(ScriptedProvider provider, Duration ttl) {
    return new AnswerCache(
        new ProviderChain(List.of(provider), clock),
        clock,
        ttl,
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
