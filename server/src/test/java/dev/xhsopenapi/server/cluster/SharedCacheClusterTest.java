package dev.xhsopenapi.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.Operation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway nodes on one Redis share their answers: a page one node fetched is a hit on another,
 * whose upstream is not asked. Each test asks for users no other run asks for, so runs do not share
 * keys.
 */
class SharedCacheClusterTest {
  @TempDir Path dir;
  private final List<TestGateway> nodes = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private final RedisClient client = RedisClient.create(ClusterTest.REDIS);
  private final StatefulRedisConnection<String, String> connection = client.connect();
  private final RedisCommands<String, String> redis = connection.sync();

  @AfterEach
  void stop() {
    nodes.forEach(TestGateway::close);
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(new String[0]));
    }
    connection.close();
    client.shutdown();
  }

  @Test
  void aPageFetchedThroughOneNode_isAHitOnTheOther_withoutAskingItsUpstream() {
    ScriptedProvider upstreamA = ScriptedProvider.slow(Duration.ZERO);
    ScriptedProvider upstreamB = ScriptedProvider.slow(Duration.ZERO);
    Node a = node(upstreamA, Map.of());
    Node b = node(upstreamB, Map.of());
    String user = randomUser();

    Reply first = a.gateway().notes(a.key(), user, "");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("X-Cache")).isEqualTo("MISS");
    Eventually.until(
        "the page in Redis", Duration.ofSeconds(5), () -> redis.exists(key(user)), n -> n == 1);

    Reply second = b.gateway().notes(b.key(), user, "");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("X-Cache")).isEqualTo("HIT");
    assertThat(second.json().get("data")).isEqualTo(first.json().get("data"));
    assertThat(upstreamA.calls()).isEqualTo(1);
    assertThat(upstreamB.calls()).isZero();
    assertThat(a.gateway().get("/metrics", null).text())
        .contains("xhs_openapi_cache_shared_errors_total 0.0");
  }

  @Test
  void withTheSharedCacheOff_aNodeWritesNothingToRedis() {
    Node off = node(ScriptedProvider.slow(Duration.ZERO), Map.of("upstream.cache.shared", "false"));
    Node on = node(ScriptedProvider.slow(Duration.ZERO), Map.of());
    String unshared = randomUser();
    String shared = randomUser();

    assertThat(off.gateway().notes(off.key(), unshared, "").status()).isEqualTo(200);
    assertThat(on.gateway().notes(on.key(), shared, "").status()).isEqualTo(200);
    // By the time the sharing node's write is there, the other node's would have been too.
    Eventually.until(
        "the shared page in Redis",
        Duration.ofSeconds(5),
        () -> redis.exists(key(shared)),
        n -> n == 1);
    assertThat(redis.exists(key(unshared))).isZero();
    assertThat(off.gateway().get("/metrics", null).text())
        .doesNotContain("xhs_openapi_cache_shared_errors_total");
  }

  private record Node(TestGateway gateway, String key) {}

  private Node node(ScriptedProvider provider, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("redis", ClusterTest.REDIS);
    all.putAll(settings);
    TestGateway gateway =
        TestGateway.start(
            dir.resolve("node-" + UUID.randomUUID()), Clock.systemUTC(), all, List.of(provider));
    nodes.add(gateway);
    String account = gateway.createAccount("shared-cache", 1_000, 300);
    return new Node(gateway, gateway.createKey(account));
  }

  /** The Redis key of a user's first notes page. */
  private String key(String user) {
    // The SHA-256 of the op id, then each parameter's name and value by name, each string preceded
    // by its 4-byte length.
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    for (String s : List.of(Operation.USER_NOTES.id(), "cursor", "", "user_id", user)) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
      sha.update(bytes);
    }
    String key = "xhs:cache:" + HexFormat.of().formatHex(sha.digest());
    keys.add(key);
    return key;
  }

  private static String randomUser() {
    byte[] id = new byte[12];
    new SecureRandom().nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
