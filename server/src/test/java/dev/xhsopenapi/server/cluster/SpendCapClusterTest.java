package dev.xhsopenapi.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.Clocks;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.TestPostgres;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily credit caps (DESIGN §14) held across two gateway nodes on one PostgreSQL and one Redis:
 * concurrent calls through both nodes are charged up to the cap exactly, the rest refused.
 */
class SpendCapClusterTest {
  private static final int CAP = 25;
  private static final int CALLS = 80;

  @TempDir Path dir;
  private final String user = SimDataset.generate(1).users().get(0).userId();
  private TestPostgres pg;
  private final List<TestGateway> nodes = new ArrayList<>();

  @BeforeEach
  void start() {
    pg = new TestPostgres();
    // Both nodes on one day from the first call to the last: a cap is per UTC day, and a run
    // across midnight would start the cap over.
    Clock clock = Clocks.runningFrom(Instant.parse("2026-11-01T08:00:00Z"));
    for (int i = 0; i < 2; i++) {
      nodes.add(
          TestGateway.start(
              dir.resolve("node" + i + "-" + UUID.randomUUID()),
              clock,
              Map.of("db", pg.url(), "redis", ClusterTest.REDIS, "upstream.cache.ttl-s", "0")));
    }
  }

  @AfterEach
  void stop() {
    nodes.forEach(TestGateway::close);
    pg.close();
  }

  @Test
  void anAccountCapOfN_hitThroughBothNodes_chargesExactlyN_andRefusesTheRestWith429()
      throws Exception {
    TestGateway a = nodes.get(0);
    String account = a.createAccount("capped", 1_000, 100_000);
    a.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("daily_credit_cap", CAP));
    // Two keys without caps of their own: the account's cap is what holds them both.
    List<String> keys = List.of(a.createKey(account), a.createKey(account));
    Map<String, Integer> outcomes = callConcurrently(keys);
    assertThat(outcomes).containsOnlyKeys("200", "429 spend_cap_reached");
    assertThat(outcomes.get("200")).isEqualTo(CAP);
    assertThat(outcomes.get("429 spend_cap_reached")).isEqualTo(CALLS - CAP);
    assertLedgerExact(account, 1_000, CAP);
  }

  @Test
  void aKeyCapOfN_hitThroughBothNodes_chargesExactlyN() throws Exception {
    TestGateway a = nodes.get(0);
    String account = a.createAccount("key-capped", 1_000, 100_000);
    Reply created =
        a.admin("POST", "/admin/v1/accounts/" + account + "/keys", Map.of("daily_credit_cap", CAP));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Map<String, Integer> outcomes = callConcurrently(List.of(created.json().get("key").asText()));
    assertThat(outcomes.get("200")).isEqualTo(CAP);
    assertThat(outcomes.get("429 spend_cap_reached")).isEqualTo(CALLS - CAP);
    assertLedgerExact(account, 1_000, CAP);
  }

  /** Makes {@link #CALLS} calls at once, alternating nodes and keys; counts status and error. */
  private Map<String, Integer> callConcurrently(List<String> keys) throws Exception {
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        TestGateway node = nodes.get(i % nodes.size());
        String key = keys.get((i / nodes.size()) % keys.size());
        calls.add(
            pool.submit(
                () -> {
                  Reply r = node.notes(key, user, "");
                  String outcome =
                      r.status() == 200
                          ? "200"
                          : r.status() + " " + r.json().path("error").asText();
                  if (r.status() == 429 && r.header("Retry-After") == null) {
                    outcome += " without Retry-After";
                  }
                  outcomes.merge(outcome, 1, Integer::sum);
                }));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    }
    return outcomes;
  }

  /** The balance, the ledger and the day's totals all say exactly {@code charged} credits went. */
  private void assertLedgerExact(String account, long toppedUp, long charged) throws SQLException {
    String of = " WHERE account_id = '" + account + "'";
    assertThat(sum("SELECT COUNT(*) FROM credit_reservations" + of)).isZero();
    assertThat(sum("SELECT COUNT(*) FROM credit_ledger" + of + " AND kind = 'charge'"))
        .isEqualTo(charged);
    assertThat(sum("SELECT -SUM(amount) FROM credit_ledger" + of + " AND kind = 'charge'"))
        .isEqualTo(charged);
    assertThat(sum("SELECT SUM(charged) FROM credit_charged_daily" + of)).isEqualTo(charged);
    long ledger = sum("SELECT SUM(amount) FROM credit_ledger" + of);
    for (TestGateway node : nodes) {
      assertThat(node.balance(account)).isEqualTo(ledger).isEqualTo(toppedUp - charged);
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
