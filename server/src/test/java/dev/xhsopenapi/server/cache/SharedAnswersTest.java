package dev.xhsopenapi.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.TcpProxy;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.ProviderChain;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import dev.xhsopenapi.upstream.testing.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' answer caches, each with its own local tier, sharing answers through one Redis at
 * 127.0.0.1:6379. Each test keeps its keys under its own prefix.
 */
class SharedAnswersTest {
  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;
  private static final String URL = "redis://" + HOST + ":" + PORT;
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Duration STALE = Duration.ofMinutes(10);
  private static final Duration TIMEOUT = Duration.ofMillis(100);
  private static final String U1 = "5efdeba4000000000101e7e6";
  private static final String CURSOR = "6a4f6a19000000005ce2ce14";

  private final String prefix = "xhs:cache:test:" + UUID.randomUUID() + ":";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final RedisClient client = RedisClient.create(URL);
  private final StatefulRedisConnection<byte[], byte[]> raw =
      client.connect(ByteArrayCodec.INSTANCE);
  private final RedisCommands<byte[], byte[]> redis = raw.sync();
  private final UpstreamRequest page = notes("5efdeba4000000000101e7e6");

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    executor.close();
    List<byte[]> keys = redis.keys(prefix + "*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(new byte[0][]));
    }
    raw.close();
    client.shutdown();
  }

  @Test
  void aPageNodeAFetched_isAHitOnNodeB_withoutAskingItsUpstream() throws Exception {
    Source a = Source.data("a");
    Source b = Source.data("b");
    AnswerCache nodeA = node(a);
    AnswerCache nodeB = node(b);

    AnswerCache.Fetched fetched = nodeA.fetch(page, call());
    assertThat(fetched.cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    awaitStored(page);

    AnswerCache.Fetched shared = nodeB.fetch(page, call());
    assertThat(shared.cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    assertThat(shared.upstreamMs()).isNull();
    assertThat(shared.answer()).isInstanceOf(UpstreamAnswer.Data.class);
    UpstreamAnswer.Data data = (UpstreamAnswer.Data) shared.answer();
    assertThat(data.provider()).isEqualTo("a");
    assertThat(data.body()).isEqualTo(((UpstreamAnswer.Data) fetched.answer()).body());
    assertThat(nodeB.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    assertThat(a.calls()).isEqualTo(1);
    assertThat(b.calls()).isZero();
    // Node B served A's answer twice: two calls the source did not get.
    assertThat(nodeB.savedCalls()).containsExactly(Map.entry("a", 2L));
  }

  @Test
  void aSharedAnswer_isKeptLocallyOnlyUntilItStopsBeingFresh_thenFetchedAgain() throws Exception {
    Source a = Source.data("a");
    Source b = Source.data("b");
    AnswerCache nodeA = node(a);
    AnswerCache nodeB = node(b);
    nodeA.fetch(page, call());
    awaitStored(page);

    clock.advance(Duration.ofSeconds(59));
    assertThat(nodeB.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    // With Redis's copy gone, node B answers from its own copy, but not past A's fetch + TTL.
    redis.del(key(page));
    clock.advance(Duration.ofMillis(500));
    assertThat(nodeB.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    clock.advance(Duration.ofSeconds(1));
    assertThat(nodeB.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(b.calls()).isEqualTo(1);
  }

  @Test
  void anExpiredSharedAnswer_isFetchedAgain_andStoredForTheOthers() throws Exception {
    Source a = Source.data("a");
    Source b = Source.data("b");
    AnswerCache nodeA = node(a);
    AnswerCache nodeB = node(b);
    nodeA.fetch(page, call());
    awaitStored(page);

    clock.advance(Duration.ofSeconds(61));
    assertThat(nodeB.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(b.calls()).isEqualTo(1);
    Eventually.until(
        "node B's answer in Redis",
        Duration.ofSeconds(5),
        this::stored,
        e -> e != null && e.answer().provider().equals("b"));
    AnswerCache nodeC = node(Source.data("c"));
    AnswerCache.Fetched fromB = nodeC.fetch(page, call());
    assertThat(fromB.cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    assertThat(fromB.answer().provider()).isEqualTo("b");
  }

  @Test
  void aNodeToldToForget_doesNotServeTheSharedCopyFetchedBefore_andReplacesIt() throws Exception {
    Source a = Source.data("a");
    Source b = Source.data("b");
    AnswerCache nodeA = node(a);
    AnswerCache nodeB = node(b);
    nodeA.fetch(page, call());
    awaitStored(page);
    assertThat(nodeB.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.HIT);

    nodeB.forget(request -> request.equals(page));
    clock.advance(Duration.ofMillis(1));
    AnswerCache.Fetched again = nodeB.fetch(page, call());
    assertThat(again.cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(again.answer().provider()).isEqualTo("b");
    Eventually.until(
        "node B's answer in Redis",
        Duration.ofSeconds(5),
        this::stored,
        e -> e != null && e.answer().provider().equals("b"));
    assertThat(b.calls()).isEqualTo(1);
  }

  @Test
  void aNotFoundAnswer_isSharedToo() throws Exception {
    Source a = Source.notFound("a");
    Source b = Source.data("b");
    AnswerCache nodeA = node(a);
    AnswerCache nodeB = node(b);
    assertThat(nodeA.fetch(page, call()).answer()).isInstanceOf(UpstreamAnswer.NotFound.class);
    awaitStored(page);

    AnswerCache.Fetched shared = nodeB.fetch(page, call());
    assertThat(shared.cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
    assertThat(shared.answer()).isEqualTo(new UpstreamAnswer.NotFound("a"));
    assertThat(b.calls()).isZero();
  }

  @Test
  void whenEveryProviderFails_anotherNodesDataWithinTheStalePeriod_isServedStale()
      throws Exception {
    Source a = Source.data("a");
    Source b = Source.failing("b");
    AnswerCache nodeA = node(a);
    AnswerCache nodeB = node(b);
    AnswerCache.Fetched fetched = nodeA.fetch(page, call());
    awaitStored(page);

    clock.advance(Duration.ofSeconds(61));
    AnswerCache.Fetched stale = nodeB.fetch(page, call());
    assertThat(stale.cache()).isEqualTo(AnswerCache.CacheStatus.STALE);
    assertThat(((UpstreamAnswer.Data) stale.answer()).body())
        .isEqualTo(((UpstreamAnswer.Data) fetched.answer()).body());
    assertThat(b.calls()).isEqualTo(1);

    // Past the stale period the failure is the answer.
    clock.advance(STALE);
    assertThatThrownBy(() -> nodeB.fetch(page, call()))
        .isInstanceOf(UpstreamException.class)
        .extracting(e -> ((UpstreamException) e).kind())
        .isEqualTo(UpstreamException.Kind.UNAVAILABLE);
  }

  @Test
  void aRedisThatWentAway_isAMiss_withinTheBudget_andCounted() throws Exception {
    TcpProxy proxy = new TcpProxy(HOST, PORT);
    SharedAnswers shared = open("redis://" + HOST + ":" + proxy.port());
    Source a = Source.data("a");
    AnswerCache node = node(a, shared);
    proxy.close();

    // A budget of five seconds, fifty times the Redis timeout: a request that waited on Redis
    // until the budget ran out would be a timeout, not a miss.
    UpstreamCall call = new UpstreamCall("r", "a", clock.instant().plusSeconds(5));
    assertThat(node.fetch(page, call).cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(a.calls()).isEqualTo(1);
    assertThat(shared.errors()).isPositive();
    // Its local tier still serves.
    assertThat(node.fetch(page, call).cache()).isEqualTo(AnswerCache.CacheStatus.HIT);
  }

  @Test
  void aRedisThatHangs_isAMissAfterTheTimeout_andCounted() throws Exception {
    try (TcpProxy proxy = new TcpProxy(HOST, PORT)) {
      SharedAnswers shared = open("redis://" + HOST + ":" + proxy.port());
      Source a = Source.data("a");
      AnswerCache node = node(a, shared);
      proxy.silence();

      UpstreamCall call = new UpstreamCall("r", "a", clock.instant().plusSeconds(5));
      assertThat(node.fetch(page, call).cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
      assertThat(a.calls()).isEqualTo(1);
      assertThat(shared.errors()).isPositive();
      UpstreamCall other = new UpstreamCall("r2", "a", clock.instant().plusSeconds(5));
      UpstreamRequest second = notes("5efdeba4000000000101e7e7");
      assertThat(node.fetch(second, other).cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    }
  }

  @Test
  void aValueThatCannotBeRead_isAMiss_andIsOverwritten() throws Exception {
    redis.set(key(page), "not an answer".getBytes(StandardCharsets.UTF_8));
    Source a = Source.data("a");
    AnswerCache nodeA = node(a);
    assertThat(nodeA.fetch(page, call()).cache()).isEqualTo(AnswerCache.CacheStatus.MISS);
    assertThat(a.calls()).isEqualTo(1);
    SharedAnswers.Entry entry =
        Eventually.until(
            "the value overwritten", Duration.ofSeconds(5), this::stored, e -> e != null);
    assertThat(entry.answer().provider()).isEqualTo("a");
    assertThat(entry.fetchedAtMs()).isEqualTo(clock.millis());
    // Kept for the stale period, the longer of the two.
    assertThat(redis.pttl(key(page))).isBetween(TTL.toMillis() + 1, STALE.toMillis());
  }

  @Test
  void anOperationNotCached_isNotStoredInRedisEither() throws Exception {
    Source a = Source.data("a");
    SharedAnswers shared = open(URL);
    AnswerCache never =
        new AnswerCache(
            new ProviderChain(List.of(a), clock),
            clock,
            TTL,
            Map.of(Operation.USER_NOTES.id(), Duration.ZERO),
            STALE,
            1 << 20,
            executor,
            shared);
    never.fetch(page, call());
    // A page that is cached, fetched after, is stored: by then the first would have been too.
    AnswerCache cached = node(Source.data("b"));
    UpstreamRequest other =
        Operation.USER_NOTES.request(
            Map.of("user_id", "5efdeba4000000000101e7e8", "cursor", CURSOR));
    cached.fetch(other, call());
    awaitStored(other);
    assertThat(redis.exists(key(page))).isZero();
  }

  @Test
  void theValueFormat_roundTrips_andRejectsWhatItDidNotWrite() {
    byte[] body = "{\"code\":0}".getBytes(StandardCharsets.UTF_8);
    SharedAnswers.Entry data = new SharedAnswers.Entry(new UpstreamAnswer.Data("sim", body), 42L);
    SharedAnswers.Entry back = SharedAnswers.decode(SharedAnswers.encode(data));
    assertThat(back.fetchedAtMs()).isEqualTo(42L);
    assertThat(back.answer().provider()).isEqualTo("sim");
    assertThat(((UpstreamAnswer.Data) back.answer()).body()).isEqualTo(body);
    SharedAnswers.Entry missing =
        new SharedAnswers.Entry(new UpstreamAnswer.NotFound("xhs-app"), 7L);
    assertThat(SharedAnswers.decode(SharedAnswers.encode(missing))).isEqualTo(missing);

    byte[] encoded = SharedAnswers.encode(data);
    byte[] otherFormat = encoded.clone();
    otherFormat[0] = 2;
    assertThat(SharedAnswers.decode(otherFormat)).isNull();
    byte[] otherKind = encoded.clone();
    otherKind[1] = 'X';
    assertThat(SharedAnswers.decode(otherKind)).isNull();
    assertThat(SharedAnswers.decode(java.util.Arrays.copyOf(encoded, 12))).isNull();
    assertThat(SharedAnswers.decode(new byte[0])).isNull();
    byte[] notFoundWithBody = java.util.Arrays.copyOf(SharedAnswers.encode(missing), 40);
    assertThat(SharedAnswers.decode(notFoundWithBody)).isNull();
  }

  @Test
  void theKey_dependsOnTheOperationAndEveryParameter() {
    String first = SharedAnswers.hash(notes(U1));
    assertThat(first).hasSize(64).isEqualTo(SharedAnswers.hash(notes(U1)));
    assertThat(SharedAnswers.hash(notes("5efdeba4000000000101e7e9"))).isNotEqualTo(first);
    assertThat(
            SharedAnswers.hash(
                Operation.USER_NOTES.request(Map.of("user_id", U1, "cursor", CURSOR))))
        .isNotEqualTo(first);
  }

  private AnswerCache node(Source source) {
    return node(source, open(URL));
  }

  private AnswerCache node(Source source, SharedAnswers shared) {
    return new AnswerCache(
        new ProviderChain(List.of(source), clock),
        clock,
        TTL,
        Map.of(),
        STALE,
        1 << 20,
        executor,
        shared);
  }

  private SharedAnswers open(String url) {
    SharedAnswers shared = SharedAnswers.connect(url, TIMEOUT, prefix);
    opened.add(shared);
    return shared;
  }

  private byte[] key(UpstreamRequest request) {
    return (prefix + SharedAnswers.hash(request)).getBytes(StandardCharsets.UTF_8);
  }

  private SharedAnswers.Entry stored() {
    byte[] value = redis.get(key(page));
    return value == null ? null : SharedAnswers.decode(value);
  }

  /** Waits for a node's write, which the request that fetched did not wait for. */
  private void awaitStored(UpstreamRequest request) {
    Eventually.until(
        request + " in Redis",
        Duration.ofSeconds(5),
        () -> redis.exists(key(request)),
        n -> n == 1);
  }

  private UpstreamCall call() {
    return new UpstreamCall("r", "a", clock.instant().plusSeconds(8));
  }

  private static UpstreamRequest notes(String userId) {
    return Operation.USER_NOTES.request(Map.of("user_id", userId, "cursor", ""));
  }

  /** A source that answers the same way every time, counting its calls. */
  private static final class Source implements UpstreamProvider {
    private final String name;
    private final String outcome;
    private final AtomicInteger calls = new AtomicInteger();

    private Source(String name, String outcome) {
      this.name = name;
      this.outcome = outcome;
    }

    static Source data(String name) {
      return new Source(name, "data");
    }

    static Source notFound(String name) {
      return new Source(name, "not found");
    }

    static Source failing(String name) {
      return new Source(name, "failing");
    }

    int calls() {
      return calls.get();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Operation> operations() {
      return Set.of(Operation.USER_NOTES);
    }

    @Override
    public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
        throws UpstreamException {
      int n = calls.incrementAndGet();
      return switch (outcome) {
        case "data" ->
            new UpstreamAnswer.Data(
                name,
                ("{\"code\":0,\"success\":true,\"data\":{\"notes\":[],\"from\":\""
                        + name
                        + n
                        + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        case "not found" -> new UpstreamAnswer.NotFound(name);
        default -> throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, name, "down");
      };
    }
  }
}
