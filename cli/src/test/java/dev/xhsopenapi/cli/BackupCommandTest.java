package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.server.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup}: a copy taken while the gateway charges calls is consistent (every account's
 * ledger adds up to its balance and open holds), checked, and restores to a gateway that serves the
 * same keys and balances; what it refuses leaves nothing behind.
 */
class BackupCommandTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().credits(100_000).build();

  @TempDir Path tmp;

  @Test
  void aCopyTakenUnderLoad_isConsistent_andRestoresToAServingGateway() throws Exception {
    String user = gw.sampleUser().userId();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger served = new AtomicInteger();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!stop.get()) {
                      if (gw.notes(user, "").status() == 200) {
                        served.incrementAndGet();
                      }
                    }
                  }));
    }
    Path out = tmp.resolve("gateway-copy.db");
    Cli.Result result;
    try {
      Eventually.until("20 calls served", Duration.ofSeconds(30), served::get, n -> n >= 20);
      result = Cli.run("backup", "--data", gw.data().toString(), "--out", out.toString());
    } finally {
      stop.set(true);
      for (Thread t : callers) {
        t.join();
      }
    }
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern(
            "backup: .*gateway-copy\\.db, [0-9,]+ bytes, schema version \\d+, 1 account");
    assertThat(tmp.resolve("gateway-copy.db.partial")).doesNotExist();

    long balance;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out);
        Statement s = c.createStatement()) {
      balance = number(s, "SELECT balance FROM accounts");
      long ledger = number(s, "SELECT SUM(amount) FROM credit_ledger");
      long held = number(s, "SELECT COALESCE(SUM(amount), 0) FROM credit_reservations");
      long charges = number(s, "SELECT -SUM(amount) FROM credit_ledger WHERE kind = 'charge'");
      long dayTotals = number(s, "SELECT SUM(charged) FROM credit_charged_daily");
      assertThat(ledger).as("top-ups - charges = balance + holds").isEqualTo(balance + held);
      assertThat(charges).as("charges copied with their day totals").isEqualTo(dayTotals);
      assertThat(charges).as("the copy holds charges made before it").isPositive();
    }
    assertThat(gw.balance()).as("calls went on after the copy").isLessThanOrEqualTo(balance);

    Path restored = tmp.resolve("restored");
    Files.createDirectories(restored);
    Files.copy(out, restored.resolve("gateway.db"));
    try (TestGateway again = TestGateway.start(restored, Clock.systemUTC(), Map.of())) {
      assertThat(again.balance(gw.accountId())).isEqualTo(balance);
      TestGateway.Reply reply = again.notes(gw.key(), user, "");
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
  }

  @Test
  void anExistingOutFile_isNeverOverwritten() throws Exception {
    Path out = tmp.resolve("taken.db");
    Files.writeString(out, "keep me");
    Cli.Result result = Cli.run("backup", "--data", gw.data().toString(), "--out", out.toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("exists already");
    assertThat(Files.readString(out)).isEqualTo("keep me");
  }

  @Test
  void aFolderWithoutAStore_isAUsageError_andCreatesNothing() {
    Path empty = tmp.resolve("no-store");
    Path out = tmp.resolve("copy.db");
    Cli.Result result = Cli.run("backup", "--data", empty.toString(), "--out", out.toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("no store at").contains("gateway.db");
    assertThat(empty).doesNotExist();
    assertThat(out).doesNotExist();
  }

  @Test
  void aPostgresStore_pointsToPgDump_withoutPrintingItsPassword() {
    Cli.Result result =
        Cli.run(
            "backup",
            "--db",
            "jdbc:postgresql://admin:s3cret@db.internal:5432/xhs",
            "--out",
            tmp.resolve("copy.db").toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("pg_dump").doesNotContain("s3cret");
  }

  @Test
  void outIsRequired() {
    Cli.Result result = Cli.run("backup", "--data", gw.data().toString());
    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--out");
  }

  private static long number(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
