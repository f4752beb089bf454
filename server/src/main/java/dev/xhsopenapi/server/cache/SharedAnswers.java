package dev.xhsopenapi.server.cache;

import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamRequest;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers every node of a cluster shares through one Redis, behind each node's own {@link
 * AnswerCache}: an answer is a key {@code xhs:cache:<SHA-256 of the request>} holding when it was
 * fetched, which source answered, whether it is data or "not found", and the data's bytes.
 *
 * <p>Redis is a help here, never a dependency: a read waits at most the timeout, and a read that
 * fails, times out or finds a value it cannot read is a miss (the node asks the upstream and
 * overwrites the value). Writes are sent without waiting for Redis. Failures are counted ({@link
 * #errors()}) and logged at most once a minute. Thread-safe; all threads share one connection,
 * which Lettuce pipelines.
 */
public final class SharedAnswers implements AutoCloseable {
  static final String KEY_PREFIX = "xhs:cache:";

  /** The first byte of every value: the layout that follows it. */
  static final byte FORMAT = 1;

  private static final byte DATA = 'D';
  private static final byte NOT_FOUND = 'N';
  // Format byte, kind byte, fetched-at (8 bytes), the source name's length (2 bytes).
  private static final int HEADER = 1 + 1 + 8 + 2;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final long WARN_EVERY_NS = TimeUnit.MINUTES.toNanos(1);
  private static final Logger log = LoggerFactory.getLogger(SharedAnswers.class);

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final RedisAsyncCommands<byte[], byte[]> commands;
  private final Duration timeout;
  private final String keyPrefix;
  private final String address;
  private final LongAdder errors = new LongAdder();
  private final AtomicLong lastWarnNs = new AtomicLong(System.nanoTime() - WARN_EVERY_NS);

  private SharedAnswers(
      RedisClient client,
      StatefulRedisConnection<byte[], byte[]> connection,
      Duration timeout,
      String keyPrefix,
      String address) {
    this.client = client;
    this.connection = connection;
    this.commands = connection.async();
    this.timeout = timeout;
    this.keyPrefix = keyPrefix;
    this.address = address;
  }

  /**
   * Connects to the Redis at {@code redisUrl} ({@code redis://host:port[/db]}).
   *
   * @param timeout how long a read waits for Redis before it counts as a miss
   * @throws IllegalArgumentException if {@code redisUrl} is not a Redis URL
   * @throws RedisException if Redis cannot be reached now
   */
  public static SharedAnswers connect(String redisUrl, Duration timeout) {
    return connect(redisUrl, timeout, KEY_PREFIX);
  }

  /** As {@link #connect(String, Duration)}, with the answers' keys under {@code keyPrefix}. */
  static SharedAnswers connect(String redisUrl, Duration timeout, String keyPrefix) {
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUrl);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the Redis URL must look like redis://host:port[/db], got '" + redisUrl + "'", e);
    }
    uri.setTimeout(timeout);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            // While Lettuce reconnects, fail at once (a miss) rather than queue behind an outage.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    try {
      return new SharedAnswers(
          client,
          client.connect(ByteArrayCodec.INSTANCE),
          timeout,
          keyPrefix,
          uri.getHost() + ":" + uri.getPort());
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      throw e;
    }
  }

  /**
   * The shared answer to the request, waiting at most the timeout; null when there is none, when
   * its value cannot be read, or when Redis failed or did not answer in time.
   */
  Entry get(UpstreamRequest request) {
    byte[] value;
    try {
      value =
          commands
              .get(keyBytes(request))
              .toCompletableFuture()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      failed("read", e instanceof ExecutionException ? e.getCause() : e);
      return null;
    }
    return value == null ? null : decode(value);
  }

  /** Stores the answer for {@code keepFor}, without waiting for Redis; a failure is counted. */
  void put(UpstreamRequest request, Entry entry, Duration keepFor) {
    try {
      commands
          .set(
              keyBytes(request), encode(entry), SetArgs.Builder.px(Math.max(keepFor.toMillis(), 1)))
          .whenComplete(
              (ok, e) -> {
                if (e != null) {
                  failed("write", e);
                }
              });
    } catch (RuntimeException e) {
      failed("write", e);
    }
  }

  /** How many reads and writes failed or timed out so far. */
  public long errors() {
    return errors.sum();
  }

  /** Where the shared answers are, {@code host:port}. */
  public String address() {
    return address;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private void failed(String what, Throwable e) {
    errors.increment();
    long now = System.nanoTime();
    long last = lastWarnNs.get();
    if (now - last >= WARN_EVERY_NS && lastWarnNs.compareAndSet(last, now)) {
      log.warn(
          "the shared cache's Redis at {} failed a {} ({}); answers are fetched from the upstream"
              + " meanwhile (this warning repeats at most once a minute)",
          address,
          what,
          e.toString());
    }
  }

  /** The key of a request: the prefix and the SHA-256 of its operation and parameters. */
  String key(UpstreamRequest request) {
    return keyPrefix + hash(request);
  }

  private byte[] keyBytes(UpstreamRequest request) {
    return key(request).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The SHA-256 (hex) of the op id and each parameter's name and value, by parameter name, each
   * string preceded by its length so that no two requests share an input.
   */
  static String hash(UpstreamRequest request) {
    Operation op = request.operation();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < op.params().size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> op.params().get(i).name()));
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    string(in, op.id());
    for (int i : order) {
      string(in, op.params().get(i).name());
      string(in, request.values().get(i));
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  /**
   * The value stored for an answer: {@link #FORMAT}, {@code 'D'} (data) or {@code 'N'} (not found),
   * the fetched-at epoch millis (8 bytes, big-endian), the source's name (2-byte length, UTF-8),
   * then the data's bytes (nothing for "not found").
   */
  static byte[] encode(Entry entry) {
    byte[] provider = entry.answer().provider().getBytes(StandardCharsets.UTF_8);
    byte[] body = entry.answer() instanceof UpstreamAnswer.Data d ? d.body() : new byte[0];
    return ByteBuffer.allocate(HEADER + provider.length + body.length)
        .put(FORMAT)
        .put(entry.answer() instanceof UpstreamAnswer.Data ? DATA : NOT_FOUND)
        .putLong(entry.fetchedAtMs())
        .putShort((short) provider.length)
        .put(provider)
        .put(body)
        .array();
  }

  /** The entry a value holds, or null when it is not one {@link #encode} wrote. */
  static Entry decode(byte[] value) {
    if (value.length < HEADER || value[0] != FORMAT) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    in.get();
    byte kind = in.get();
    long fetchedAt = in.getLong();
    int providerLength = Short.toUnsignedInt(in.getShort());
    if (providerLength == 0 || providerLength > in.remaining()) {
      return null;
    }
    String provider = new String(value, HEADER, providerLength, StandardCharsets.UTF_8);
    int bodyAt = HEADER + providerLength;
    return switch (kind) {
      case DATA ->
          new Entry(
              new UpstreamAnswer.Data(provider, Arrays.copyOfRange(value, bodyAt, value.length)),
              fetchedAt);
      case NOT_FOUND ->
          bodyAt == value.length
              ? new Entry(new UpstreamAnswer.NotFound(provider), fetchedAt)
              : null;
      default -> null;
    };
  }

  /** A shared answer and when it was fetched (epoch millis of the fetching node's clock). */
  record Entry(UpstreamAnswer answer, long fetchedAtMs) {}
}
