package dev.xhsopenapi.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.server.testing.TcpProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;

/**
 * The contract against Redis, plus what only a shared window has: several nodes on one account, and
 * outages. Needs Redis at {@value #HOST}:{@value #PORT}; each instance keeps its keys under its own
 * prefix, and every key expires a minute after its last acceptance.
 */
@PropertyDefaults(tries = 50)
class RedisRateLimiterTest extends RateLimiterContract {
  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;
  private static final String URL = "redis://" + HOST + ":" + PORT;
  private static volatile boolean redisAnswered;

  private final String prefix = "xhs:rl:test:" + UUID.randomUUID() + ":";

  @Override
  RateLimiter newLimiter(Clock clock) {
    requireRedis();
    return RedisRateLimiter.connect(URL, clock, prefix);
  }

  @Test
  void twoNodes_hammeredBy16Threads_acceptExactlyTheLimit() throws Exception {
    List<RateLimiter> nodes = List.of(open(clock), open(clock));
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> accepted = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int t = 0; t < 16; t++) {
        RateLimiter node = nodes.get(t % 2);
        accepted.add(
            pool.submit(
                () -> {
                  go.await();
                  int n = 0;
                  for (int i = 0; i < 25; i++) {
                    n += node.tryAcquire("hot", 50).allowed() ? 1 : 0;
                  }
                  return n;
                }));
      }
      go.countDown();
    }
    int total = 0;
    for (Future<Integer> f : accepted) {
      total += f.get();
    }
    // 400 attempts in one millisecond: members must be unique across nodes, or some would merge.
    assertThat(total).isEqualTo(50);
    for (RateLimiter node : nodes) {
      assertThat(node.peek("hot", 50).remaining()).isZero();
    }
    clock.advance(Duration.ofMillis(RateLimiter.WINDOW_MS));
    assertThat(nodes.get(1).tryAcquire("hot", 50).remaining()).isEqualTo(49);
  }

  @Test
  void tryAcquire_leavesTheKeyToExpireWithTheWindow() {
    open(clock).tryAcquire("a", 5);
    withRedis(
        redis -> {
          assertThat(redis.pttl(prefix + "a")).isBetween(1L, RateLimiter.WINDOW_MS);
          assertThat(redis.zcard(prefix + "a")).isEqualTo(1);
        });
  }

  @Test
  void connect_whenRedisIsUnreachable_refusesPromptly() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> RedisRateLimiter.connect("redis://127.0.0.1:1", clock))
        .isInstanceOf(RateLimiterUnavailableException.class)
        .hasMessageContaining("cannot connect to the rate limiter's Redis at 127.0.0.1:1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void connect_whenTheUrlIsNotRedis_saysWhatItExpects() {
    assertThatThrownBy(() -> RedisRateLimiter.connect("http://127.0.0.1:6379", clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the Redis URL must look like redis://host:port[/db], got 'http://127.0.0.1:6379'");
  }

  @Test
  void tryAcquire_whenRedisStopsAnswering_refusesAfterTheTimeout() throws IOException {
    requireRedis();
    try (TcpProxy proxy = new TcpProxy(HOST, PORT);
        RedisRateLimiter node = RedisRateLimiter.connect(url(proxy), clock, prefix)) {
      assertThat(node.tryAcquire("a", 5).allowed()).isTrue();
      proxy.silence();
      long start = System.nanoTime();
      assertThatThrownBy(() -> node.tryAcquire("a", 5))
          .isInstanceOf(RateLimiterUnavailableException.class)
          .hasMessage(
              "the rate limiter's Redis at 127.0.0.1:"
                  + proxy.port()
                  + " did not answer"
                  + " within 500 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(RedisRateLimiter.COMMAND_TIMEOUT.minusMillis(50), Duration.ofSeconds(2));
    }
  }

  @Test
  void ping_answersWhileRedisDoes_andRefusesOnceItStops() throws IOException {
    requireRedis();
    try (TcpProxy proxy = new TcpProxy(HOST, PORT);
        RedisRateLimiter node = RedisRateLimiter.connect(url(proxy), clock, prefix)) {
      node.ping();
      proxy.silence();
      assertThatThrownBy(node::ping).isInstanceOf(RateLimiterUnavailableException.class);
    }
  }

  @Test
  void tryAcquireAndPeek_whenTheConnectionDrops_refuseAtOnce() throws IOException {
    requireRedis();
    TcpProxy proxy = new TcpProxy(HOST, PORT);
    try (RedisRateLimiter node = RedisRateLimiter.connect(url(proxy), clock, prefix)) {
      assertThat(node.tryAcquire("a", 5).allowed()).isTrue();
      proxy.close();
      long start = System.nanoTime();
      assertThatThrownBy(() -> node.tryAcquire("a", 5))
          .isInstanceOf(RateLimiterUnavailableException.class);
      assertThatThrownBy(() -> node.peek("a", 5))
          .isInstanceOf(RateLimiterUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void script_whenRedisHasForgottenIt_isSentAgain() {
    // A script Redis has never seen stands for one lost to a restart or a failover.
    RedisScript script = RedisScript.of("return {1, 0, -1} -- " + UUID.randomUUID());
    withRedis(
        redis -> {
          assertThat(redis.scriptExists(script.sha())).containsExactly(false);
          assertThat(script.run(redis, prefix + "unused")).isEqualTo(List.of(1L, 0L, -1L));
          assertThat(redis.scriptExists(script.sha())).containsExactly(true);
        });
  }

  private static String url(TcpProxy proxy) {
    return "redis://127.0.0.1:" + proxy.port();
  }

  private static void withRedis(Consumer<RedisCommands<String, String>> use) {
    RedisClient client = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      use.accept(connection.sync());
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /** Fails the test with how to get Redis, rather than skipping the cluster-mode tests. */
  private static void requireRedis() {
    if (redisAnswered) {
      return;
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), PORT), 1_000);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readNBytes(7), StandardCharsets.US_ASCII);
      if (!reply.equals("+PONG\r\n")) {
        throw new IOException("it answered PING with '" + reply.strip() + "'");
      }
      redisAnswered = true;
    } catch (IOException e) {
      throw new AssertionError(
          "the Redis tests need Redis 7 at "
              + HOST
              + ":"
              + PORT
              + " without a password, and none answers there ("
              + e.getMessage()
              + "). CI starts it with scripts/test-services.sh (run by .ci/run before ./run-tests);"
              + " run that script locally, or `redis-server --daemonize yes`.",
          e);
    }
  }
}
