package dev.xhsopenapi.server.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.ProviderChain;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.MDC;

/**
 * Answers by {@link UpstreamRequest} (the operation and its canonical parameters, e.g. {@code
 * xhs-get-user-notes} with {@code (user_id, cursor)}), fetched through the provider chain at most
 * once at a time: identical concurrent requests wait for the same upstream call. Failed fetches are
 * not kept; "not found" answers are kept like data for the same time.
 *
 * <p>In cluster mode a second tier, {@link SharedAnswers} in Redis, sits behind this node's: a
 * request this node has no answer for looks there first, and what this node fetches is stored there
 * for the other nodes, fresh for the operation's time and as stale-if-error data for the stale
 * period. An answer found there is kept here until the same instant it stops being fresh there.
 * Identical requests arriving at the same moment on different nodes may each fetch once.
 */
public final class AnswerCache {
  private final ProviderChain chain;
  private final Clock clock;
  private final Executor executor;
  private final AsyncCache<UpstreamRequest, Timed> answers;
  private final Cache<UpstreamRequest, UpstreamAnswer.Data> stale;
  private final Map<String, LongAdder> saved = new ConcurrentHashMap<>();
  private final Map<String, Duration> ttls;
  private final Duration ttl;
  private final Duration staleFor;
  // Null on a single node, or when the cluster's nodes keep their own answers.
  private final SharedAnswers shared;
  // The shared data that was no longer fresh when read, for stale-if-error (shared tier only).
  private final Cache<UpstreamRequest, SharedAnswers.Entry> sharedStale;
  // What this node was told to forget, and when: shared answers fetched before are not served.
  private final List<Forgotten> forgotten = new CopyOnWriteArrayList<>();
  private final long forgetForMs;

  /**
   * Creates the cache.
   *
   * @param ttl how long an answer is served from the cache, for operations that do not say their
   *     own ({@link dev.xhsopenapi.upstream.Operation#cacheTtl()})
   * @param ttlByOperation the operator's time for an operation, by op id ({@code cache-ttl-s.<op
   *     id>}), over the operation's own; zero keeps nothing once answered
   * @param staleFor how long data may still be served when every provider fails (0: never)
   * @param maxBytes the most answer bytes kept (in each of the fresh and stale caches)
   * @param executor where upstream fetches started by platform threads run (virtual threads); a
   *     virtual thread runs the fetch it starts itself
   */
  public AnswerCache(
      ProviderChain chain,
      Clock clock,
      Duration ttl,
      Map<String, Duration> ttlByOperation,
      Duration staleFor,
      long maxBytes,
      Executor executor) {
    this(chain, clock, ttl, ttlByOperation, staleFor, maxBytes, executor, null);
  }

  /**
   * Creates the cache with a shared tier behind it.
   *
   * @param shared the answers the cluster's nodes share, asked when this node has none; null for
   *     none
   * @see #AnswerCache(ProviderChain, Clock, Duration, Map, Duration, long, Executor)
   */
  public AnswerCache(
      ProviderChain chain,
      Clock clock,
      Duration ttl,
      Map<String, Duration> ttlByOperation,
      Duration staleFor,
      long maxBytes,
      Executor executor,
      SharedAnswers shared) {
    this.ttls = Map.copyOf(ttlByOperation);
    this.ttl = ttl;
    this.staleFor = staleFor;
    this.shared = shared;
    this.chain = chain;
    this.clock = clock;
    this.executor = executor;
    this.answers =
        Caffeine.newBuilder()
            // An answer lives for the TTL from the moment it was fetched, not from when the cache
            // saw its fetch complete (which can come a little later, on another thread).
            .expireAfter(
                Expiry.writing(
                    (UpstreamRequest q, Timed t) ->
                        left(ttlOf(q.operation()), clock.millis() - t.fetchedAtMs())))
            .maximumWeight(maxBytes)
            .weigher((UpstreamRequest q, Timed t) -> weight(t.answer()))
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(executor)
            .buildAsync();
    this.stale =
        Caffeine.newBuilder()
            .expireAfterWrite(staleFor)
            .maximumWeight(maxBytes)
            .weigher((UpstreamRequest q, UpstreamAnswer.Data d) -> weight(d))
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
    this.sharedStale =
        shared == null
            ? null
            : Caffeine.newBuilder()
                .expireAfter(
                    Expiry.writing(
                        (UpstreamRequest q, SharedAnswers.Entry e) ->
                            left(staleFor, clock.millis() - e.fetchedAtMs())))
                .maximumWeight(maxBytes)
                .weigher((UpstreamRequest q, SharedAnswers.Entry e) -> weight(e.answer()))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    Duration longest = staleFor.compareTo(ttl) > 0 ? staleFor : ttl;
    for (Operation op : Operation.all()) {
      Duration t = ttlOf(op);
      longest = t.compareTo(longest) > 0 ? t : longest;
    }
    this.forgetForMs = longest.toMillis();
  }

  /**
   * The answer to the request: from the cache, from a fetch already under way, or fetched now; when
   * every provider fails, data fetched within the stale period before this request came
   * (stale-if-error).
   *
   * @throws UpstreamException when no provider answered before the call's deadline and no stale
   *     data is at hand
   */
  public Fetched fetch(UpstreamRequest query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    // Taken first: a fetch that answers only after the deadline has put its data here by the time
    // it fails the request, and that request is answered as the deadline says.
    UpstreamAnswer.Data before = stale.getIfPresent(query);
    try {
      return fresh(query, call);
    } catch (UpstreamException e) {
      if (before == null && sharedStale != null) {
        // Another node's data, read from the shared tier by this fetch or an earlier one.
        SharedAnswers.Entry entry = sharedStale.getIfPresent(query);
        before = entry != null && entry.answer() instanceof UpstreamAnswer.Data d ? d : null;
      }
      if (before == null) {
        throw e;
      }
      return new Fetched(before, CacheStatus.STALE, null);
    }
  }

  /**
   * The data for the request when the cache holds it already fetched, without waiting or fetching;
   * null otherwise (nothing cached, a fetch under way, or a cached answer that is not data).
   */
  public UpstreamAnswer.Data cachedData(UpstreamRequest query) {
    CompletableFuture<Timed> future = answers.getIfPresent(query);
    if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
      return null;
    }
    if (future.getNow(null).answer() instanceof UpstreamAnswer.Data data) {
      save(data);
      return data;
    }
    return null;
  }

  /**
   * Drops the cached answers (fresh and stale) of the requests {@code which} matches, so that the
   * next such request goes to the sources: used when a source's data is known to have changed (a
   * simulated creator posted).
   */
  public void forget(Predicate<UpstreamRequest> which) {
    answers.synchronous().asMap().keySet().removeIf(which);
    stale.asMap().keySet().removeIf(which);
    if (shared != null) {
      // The shared copies are on other nodes' terms; this node stops serving those fetched so far,
      // and its next fetch overwrites them.
      sharedStale.asMap().keySet().removeIf(which);
      long now = clock.millis();
      forgotten.removeIf(f -> f.atMs() < now - forgetForMs);
      forgotten.add(new Forgotten(which, now));
    }
  }

  /**
   * The source calls the cache saved so far, by the source whose answer was served again: every
   * answer served from the cache or from another request's fetch is one call that source did not
   * get (and, for a commercial source, did not bill).
   */
  public Map<String, Long> savedCalls() {
    Map<String, Long> out = new TreeMap<>();
    saved.forEach((source, n) -> out.put(source, n.sum()));
    return out;
  }

  private void save(UpstreamAnswer answer) {
    saved.computeIfAbsent(answer.provider(), k -> new LongAdder()).increment();
  }

  private Fetched fresh(UpstreamRequest query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    // A virtual thread fetches for itself when it starts the fetch: handing the fetch to another
    // thread and waking this one when it is done would add two trips through the scheduler to
    // every miss. A platform thread (which must not block a carrier for long) hands it over.
    boolean here = Thread.currentThread().isVirtual();
    AtomicBoolean started = new AtomicBoolean();
    CompletableFuture<Timed> future = lookup(query, call, started, here);
    if (!started.get() && future.isCompletedExceptionally()) {
      // A failed fetch that finished before this request came is not this request's answer;
      // Caffeine drops failed futures asynchronously, so drop it here and fetch again.
      answers.asMap().remove(query, future);
      future = lookup(query, call, started, here);
    }
    long waitMs = call.deadline().toEpochMilli() - clock.millis();
    if (started.get() && here) {
      long start = System.nanoTime();
      complete(future, query, call);
      if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(Math.max(waitMs, 0))) {
        // The providers keep to the deadline; one that overran it is answered as the deadline
        // says, as a request waiting for another's fetch would be. The answer stays cached.
        throw timeout();
      }
    }
    try {
      Timed timed = future.get(Math.max(waitMs, 0), TimeUnit.MILLISECONDS);
      // Fetched upstream for this request, rather than served from this node or the shared tier.
      boolean fetched = started.get() && !timed.shared();
      if (!fetched) {
        save(timed.answer());
      }
      return new Fetched(
          timed.answer(),
          fetched ? CacheStatus.MISS : CacheStatus.HIT,
          fetched ? timed.upstreamMs() : null);
    } catch (TimeoutException e) {
      throw timeout();
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

  private UpstreamException timeout() {
    return new UpstreamException(
        UpstreamException.Kind.TIMEOUT,
        String.join(",", chain.names()),
        "no upstream answer within the request's time budget");
  }

  /**
   * The fetch under way for the request, or a new one: started on the executor, or (when {@code
   * here}) an empty future that the caller completes with {@link #complete}.
   */
  private CompletableFuture<Timed> lookup(
      UpstreamRequest query, UpstreamCall call, AtomicBoolean started, boolean here) {
    return answers.get(
        query,
        (q, ex) -> {
          started.set(true);
          return here
              ? new CompletableFuture<>()
              : CompletableFuture.supplyAsync(() -> load(q, call), executor);
        });
  }

  /**
   * Fetches on this thread and completes {@code future}, which requests for the same wait on.
   *
   * @throws InterruptedException when this thread was interrupted during the fetch (the waiting
   *     requests see the fetch fail)
   */
  private void complete(CompletableFuture<Timed> future, UpstreamRequest query, UpstreamCall call)
      throws InterruptedException {
    try {
      future.complete(load(query, call));
    } catch (RuntimeException | Error e) {
      future.completeExceptionally(e);
      if (e instanceof Error error) {
        throw error;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        Thread.interrupted();
        throw interrupted;
      }
    }
  }

  private Timed load(UpstreamRequest query, UpstreamCall call) {
    // The fetch's log lines belong to the request that started it, on whichever thread it runs.
    String outer = MDC.get("request_id");
    MDC.put("request_id", call.requestId());
    long start = System.nanoTime();
    try {
      Duration fresh = ttlOf(query.operation());
      boolean sharing = shared != null && !fresh.isZero();
      if (sharing) {
        Timed found = sharedAnswer(query, fresh);
        if (found != null) {
          return found;
        }
      }
      UpstreamAnswer answer = chain.fetch(query, call);
      if (answer instanceof UpstreamAnswer.Data data) {
        stale.put(query, data);
      }
      long fetchedAt = clock.millis();
      if (sharing) {
        shared.put(
            query,
            new SharedAnswers.Entry(answer, fetchedAt),
            fresh.compareTo(staleFor) > 0 ? fresh : staleFor);
      }
      return new Timed(answer, (System.nanoTime() - start) / 1_000_000, fetchedAt, false);
    } catch (UpstreamException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } finally {
      if (outer == null) {
        MDC.remove("request_id");
      } else {
        MDC.put("request_id", outer);
      }
    }
  }

  /**
   * The shared tier's answer while it is fresh, kept here until the same instant; null otherwise
   * (its data, if any, kept for stale-if-error).
   */
  private Timed sharedAnswer(UpstreamRequest query, Duration fresh) {
    SharedAnswers.Entry entry = shared.get(query);
    if (entry == null || isForgotten(query, entry.fetchedAtMs())) {
      return null;
    }
    if (entry.answer() instanceof UpstreamAnswer.Data) {
      sharedStale.put(query, entry);
    }
    if (entry.fetchedAtMs() + fresh.toMillis() <= clock.millis()) {
      return null;
    }
    return new Timed(entry.answer(), 0, entry.fetchedAtMs(), true);
  }

  private boolean isForgotten(UpstreamRequest query, long fetchedAtMs) {
    for (Forgotten f : forgotten) {
      if (fetchedAtMs <= f.atMs() && f.which().test(query)) {
        return true;
      }
    }
    return false;
  }

  private Duration ttlOf(Operation op) {
    return ttls.getOrDefault(op.id(), op.cacheTtl().orElse(ttl));
  }

  private static Duration left(Duration ttl, long elapsedMs) {
    Duration left = ttl.minusMillis(Math.max(elapsedMs, 0));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static int weight(UpstreamAnswer answer) {
    // Entries are weighed by their body bytes, so the limit is one of memory.
    return answer instanceof UpstreamAnswer.Data d ? 64 + d.body().length : 64;
  }

  /** Where an answer came from. */
  public enum CacheStatus {
    /** Served from the cache or from another request's fetch. */
    HIT,
    /** Fetched for this request. */
    MISS,
    /** Every provider failed; served from data fetched within the stale period. */
    STALE
  }

  /**
   * An answer, where it came from, and how long the upstream took (null when it was not asked for
   * this request).
   */
  public record Fetched(UpstreamAnswer answer, CacheStatus cache, Long upstreamMs) {}

  /**
   * An answer, how long its fetch took, when it was in hand (the clock's millis), and whether it
   * came from the shared tier rather than the upstream.
   */
  private record Timed(UpstreamAnswer answer, long upstreamMs, long fetchedAtMs, boolean shared) {}

  /** Shared answers to the requests {@code which} matches fetched up to {@code atMs} are stale. */
  private record Forgotten(Predicate<UpstreamRequest> which, long atMs) {}
}
