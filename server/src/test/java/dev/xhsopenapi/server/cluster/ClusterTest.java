package dev.xhsopenapi.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayProcess;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.TestPostgres;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three stateless gateway nodes on one PostgreSQL and one Redis. */
class ClusterTest {
  static final String REDIS = System.getProperty("xhs.test.redis", "redis://127.0.0.1:6379");

  @TempDir Path dir;
  final List<SimUser> users = SimDataset.generate(1).users();
  TestPostgres pg;
  final List<TestGateway> nodes = new ArrayList<>();

  @BeforeEach
  void start() {
    pg = new TestPostgres();
    for (int i = 0; i < 3; i++) {
      nodes.add(node(i));
    }
  }

  @AfterEach
  void stop() {
    nodes.forEach(TestGateway::close);
    pg.close();
  }

  TestGateway node(int i) {
    return TestGateway.start(
        dir.resolve("node" + i + "-" + UUID.randomUUID()),
        Clock.systemUTC(),
        Map.of(
            "db",
            pg.url(),
            "redis",
            REDIS,
            "upstream.cache.ttl-s",
            "0",
            "credits.abandon-after-s",
            "20"));
  }

  @Test
  void aLimitOf50_hitThroughEveryNode_acceptsExactly50() throws Exception {
    TestGateway a = nodes.get(0);
    String account = a.createAccount("fifty", 10_000, 50);
    String key = a.createKey(account);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        TestGateway node = nodes.get(i % nodes.size());
        String user = users.get(i % users.size()).userId();
        calls.add(
            pool.submit(() -> statuses.merge(node.notes(key, user, "").status(), 1, Integer::sum)));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    }
    assertThat(statuses.get(429)).isEqualTo(70);
    assertThat(statuses.getOrDefault(200, 0) + statuses.getOrDefault(404, 0)).isEqualTo(50);
  }

  @Test
  void aThousandConcurrentCalls_overTheNodes_chargeExactlyThe200s() throws Exception {
    TestGateway a = nodes.get(0);
    String account = a.createAccount("thousand", 700, 100_000);
    List<String> keys = List.of(a.createKey(account), a.createKey(account), a.createKey(account));
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(48)) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        TestGateway node = nodes.get(i % nodes.size());
        String key = keys.get(i % keys.size());
        String user = users.get(i % users.size()).userId();
        calls.add(
            pool.submit(() -> statuses.merge(node.notes(key, user, "").status(), 1, Integer::sum)));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    }
    assertThat(statuses.get(200)).isEqualTo(700);
    assertThat(statuses.get(402)).isEqualTo(300);
    for (TestGateway node : nodes) {
      assertThat(node.balance(account)).isZero();
    }
    assertThat(sum("SELECT COUNT(*) FROM credit_ledger WHERE kind = 'charge'")).isEqualTo(700);
    assertThat(sum("SELECT COUNT(*) FROM credit_reservations")).isZero();
  }

  @Test
  void aKeyRevokedThroughOneNode_isRefusedOnTheOthersWithinASecond() throws Exception {
    TestGateway a = nodes.get(0);
    TestGateway b = nodes.get(1);
    String account = a.createAccount("revoke", 100, 1000);
    Reply created = a.admin("POST", "/admin/v1/accounts/" + account + "/keys", Map.of());
    String key = created.json().get("key").asText();
    String user = users.get(0).userId();
    assertThat(b.notes(key, user, "").status()).isEqualTo(200);
    assertThat(
            a.admin("DELETE", "/admin/v1/keys/" + created.json().get("key_id").asText(), null)
                .status())
        .isEqualTo(204);
    long revokedAt = System.nanoTime();
    int status = 200;
    while (status != 401 && System.nanoTime() - revokedAt < Duration.ofSeconds(3).toNanos()) {
      status = b.notes(key, user, "").status();
    }
    assertThat(status).isEqualTo(401);
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
        .isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  void aNodeStartedLater_servesAtOnce_withNoLocalState() throws Exception {
    TestGateway a = nodes.get(0);
    String account = a.createAccount("late", 10, 1000);
    String key = a.createKey(account);
    try (TestGateway late = node(9)) {
      Reply r = late.notes(key, users.get(0).userId(), "");
      assertThat(r.status()).isEqualTo(200);
      assertThat(late.balance(account)).isEqualTo(9);
      assertThat(a.balance(account)).isEqualTo(9);
    }
  }

  @Test
  void kill9OfOneNodeUnderLoad_leavesTheOthersServing_andTheLedgerExact() throws Exception {
    try (GatewayProcess.Child child =
        GatewayProcess.spawn(
            dir.resolve("child"),
            dir,
            30,
            "db=" + pg.url(),
            "redis=" + REDIS,
            "upstream.budget-ms=2000",
            "credits.abandon-after-s=8")) {
      String childBase = child.baseUrl();
      TestGateway a = nodes.get(0);
      String account = a.createAccount("crash", 100_000, 1_000_000);
      String key = a.createKey(account);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger servedAfterKill = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < 12; c++) {
          int client = c;
          pool.execute(
              () -> {
                int i = 0;
                while (!stop.get()) {
                  String user = users.get((client * 7 + i++) % users.size()).userId();
                  String base = client % 3 == 2 ? childBase : nodes.get(client % 3).baseUrl();
                  try {
                    HttpResponse<Void> r =
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        base
                                            + "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id="
                                            + user))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (killed.get() && r.statusCode() == 200) {
                      servedAfterKill.incrementAndGet();
                    }
                  } catch (Exception e) {
                    if (client % 3 != 2) {
                      throw new IllegalStateException(e);
                    }
                  }
                }
              });
        }
        Thread.sleep(1_500);
        child.kill();
        killed.set(true);
        Eventually.until(
            "the surviving nodes serving after the kill",
            Duration.ofSeconds(20),
            servedAfterKill::get,
            n -> n > 0);
        stop.set(true);
      }
      // The dead node's open reservations are released by the survivors' sweepers.
      long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (sum("SELECT COUNT(*) FROM credit_reservations") > 0 && System.nanoTime() < waitUntil) {
        Thread.sleep(500);
      }
      assertThat(sum("SELECT COUNT(*) FROM credit_reservations")).isZero();
      long charges =
          sum(
              "SELECT COUNT(*) FROM credit_ledger WHERE kind = 'charge' AND account_id = '"
                  + account
                  + "'");
      long ledger =
          sum("SELECT SUM(amount) FROM credit_ledger WHERE account_id = '" + account + "'");
      assertThat(a.balance(account)).isEqualTo(ledger).isEqualTo(100_000 - charges);
    }
  }

  private long sum(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.url());
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
