package dev.xhsopenapi.server.notes;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xhsopenapi.upstream.NotesAnswer;
import dev.xhsopenapi.upstream.NotesQuery;
import dev.xhsopenapi.upstream.ProviderChain;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * Pages by {@code (user_id, cursor)}, fetched through the provider chain at most once at a time:
 * identical concurrent requests wait for the same upstream call. Failed fetches are not kept.
 */
public final class PageCache {
  private final ProviderChain chain;
  private final Clock clock;
  private final Executor executor;
  private final AsyncCache<NotesQuery, Timed> pages;
  private final Cache<NotesQuery, NotesAnswer.Page> stale;

  /**
   * Creates the cache.
   *
   * @param ttl how long a page is served from the cache
   * @param staleFor how long a page may still be served when every provider fails (0: never)
   * @param maxBytes the most page bytes kept (in each of the fresh and stale caches)
   * @param executor where upstream fetches run (virtual threads)
   */
  public PageCache(
      ProviderChain chain,
      Clock clock,
      Duration ttl,
      Duration staleFor,
      long maxBytes,
      Executor executor) {
    this.chain = chain;
    this.clock = clock;
    this.executor = executor;
    this.pages =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumWeight(maxBytes)
            .weigher((NotesQuery q, Timed t) -> weight(t.answer()))
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(executor)
            .buildAsync();
    this.stale =
        Caffeine.newBuilder()
            .expireAfterWrite(staleFor)
            .maximumWeight(maxBytes)
            .weigher((NotesQuery q, NotesAnswer.Page p) -> weight(p))
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /**
   * The page for the query: from the cache, from a fetch already under way, or fetched now; when
   * every provider fails, a page fetched within the stale period (stale-if-error).
   *
   * @throws UpstreamException when no provider answered before the call's deadline and no stale
   *     page is at hand
   */
  public Fetched fetch(NotesQuery query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    try {
      return fresh(query, call);
    } catch (UpstreamException e) {
      NotesAnswer.Page page = stale.getIfPresent(query);
      if (page == null) {
        throw e;
      }
      return new Fetched(page, CacheStatus.STALE, null);
    }
  }

  /**
   * The page for the query when the cache holds one already fetched, without waiting or fetching;
   * null otherwise (nothing cached, a fetch under way, or a cached answer that is not a page).
   */
  public NotesAnswer.Page cachedPage(NotesQuery query) {
    CompletableFuture<Timed> future = pages.getIfPresent(query);
    if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
      return null;
    }
    return future.getNow(null).answer() instanceof NotesAnswer.Page page ? page : null;
  }

  private Fetched fresh(NotesQuery query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    AtomicBoolean started = new AtomicBoolean();
    CompletableFuture<Timed> future = lookup(query, call, started);
    if (!started.get() && future.isCompletedExceptionally()) {
      // A failed fetch that finished before this request came is not this request's answer;
      // Caffeine drops failed futures asynchronously, so drop it here and fetch again.
      pages.asMap().remove(query, future);
      future = lookup(query, call, started);
    }
    long waitMs = call.deadline().toEpochMilli() - clock.millis();
    try {
      Timed timed = future.get(Math.max(waitMs, 0), TimeUnit.MILLISECONDS);
      return new Fetched(
          timed.answer(),
          started.get() ? CacheStatus.MISS : CacheStatus.HIT,
          started.get() ? timed.upstreamMs() : null);
    } catch (TimeoutException e) {
      throw new UpstreamException(
          UpstreamException.Kind.TIMEOUT,
          String.join(",", chain.names()),
          "no upstream answer within the request's time budget");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof UpstreamException u) {
        throw u;
      }
      throw new UpstreamException(
          UpstreamException.Kind.UNUSABLE,
          String.join(",", chain.names()),
          "the upstream fetch failed: " + cause,
          cause);
    }
  }

  private CompletableFuture<Timed> lookup(
      NotesQuery query, UpstreamCall call, AtomicBoolean started) {
    return pages.get(
        query,
        (q, ex) -> {
          started.set(true);
          return CompletableFuture.supplyAsync(() -> load(q, call), executor);
        });
  }

  private Timed load(NotesQuery query, UpstreamCall call) {
    // The fetch runs on a thread of its own; its log lines belong to the request that started it.
    MDC.put("request_id", call.requestId());
    long start = System.nanoTime();
    try {
      NotesAnswer answer = chain.userNotes(query, call);
      if (answer instanceof NotesAnswer.Page page) {
        stale.put(query, page);
      }
      return new Timed(answer, (System.nanoTime() - start) / 1_000_000);
    } catch (UpstreamException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } finally {
      MDC.remove("request_id");
    }
  }

  private static int weight(NotesAnswer answer) {
    // Entries are weighed by their page bytes, so the limit is one of memory.
    return answer instanceof NotesAnswer.Page p ? 64 + p.body().length : 64;
  }

  /** Where an answer came from. */
  public enum CacheStatus {
    /** Served from the cache or from another request's fetch. */
    HIT,
    /** Fetched for this request. */
    MISS,
    /** Every provider failed; served from a page fetched within the stale period. */
    STALE
  }

  /**
   * An answer, where it came from, and how long the upstream took (null when it was not asked for
   * this request).
   */
  public record Fetched(NotesAnswer answer, CacheStatus cache, Long upstreamMs) {}

  private record Timed(NotesAnswer answer, long upstreamMs) {}
}
