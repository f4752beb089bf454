package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's contract, run against every store engine. */
abstract class CreditLedgerContract {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
  private Database db;
  private JdbcAccountStore accounts;
  private CreditLedger ledger;

  /** A fresh, migrated, empty store. */
  abstract Database open();

  /** The ledger under test, over {@code db}. */
  CreditLedger ledger(Database db) {
    return new JdbcCreditLedger(db, clock);
  }

  @BeforeEach
  void openStore() {
    db = open();
    accounts = new JdbcAccountStore(db, clock, new RandomIds());
    ledger = ledger(db);
  }

  @AfterEach
  void closeStore() {
    if (ledger instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    db.close();
  }

  @Test
  void releaseOlderThan_keepsRecentReservations() {
    Account a = accounts.create("a", 10, 300, id());
    String old = id();
    ledger.reserve(a.accountId(), old, 1);
    clock.advance(java.time.Duration.ofMinutes(5));
    String recent = id();
    ledger.reserve(a.accountId(), recent, 1);
    assertThat(ledger.releaseOlderThan(clock.millis() - 60_000)).isEqualTo(1);
    assertThat(ledger.commit(old)).isFalse();
    assertThat(ledger.commit(recent)).isTrue();
    assertThat(balance(a)).isEqualTo(9);
  }

  @Test
  void startReserve_settlesLikeReserve_andCommitsAndReleasesAfterwards() {
    Account a = accounts.create("a", 10, 300, id());
    String first = id();
    String second = id();
    String third = id();
    CreditLedger.Reservation six = ledger.startReserve(a.accountId(), first, 6);
    CreditLedger.Reservation sixMore = ledger.startReserve(a.accountId(), second, 6);
    CreditLedger.Reservation four = ledger.startReserve(a.accountId(), third, 4);
    // Settled in the order they were started: the second finds 4 left.
    assertThat(six.held()).isTrue();
    assertThat(sixMore.held()).isFalse();
    assertThat(four.held()).isTrue();
    // Asking again gives the same outcome.
    assertThat(sixMore.held()).isFalse();
    assertThat(balance(a)).isZero();
    assertThat(openReservations()).isEqualTo(2);
    assertThat(ledger.commit(first)).isTrue();
    assertThat(ledger.commit(second)).isFalse();
    assertThat(ledger.release(third)).isTrue();
    assertThat(balance(a)).isEqualTo(4);
    assertThat(openReservations()).isZero();
  }

  @Test
  void reserve_whenBalanceIsZero_refusesAndHoldsNothing() {
    Account a = accounts.create("a", 0, 300, id());
    assertThat(ledger.reserve(a.accountId(), id(), 1)).isFalse();
    assertThat(openReservations()).isZero();
  }

  @Test
  void commit_chargesOnce_evenWhenRepeated() {
    Account a = accounts.create("a", 3, 300, id());
    String r = id();
    assertThat(ledger.reserve(a.accountId(), r, 1)).isTrue();
    assertThat(ledger.commit(r)).isTrue();
    assertThat(ledger.commit(r)).isFalse();
    assertThat(ledger.release(r)).isFalse();
    assertThat(balance(a)).isEqualTo(2);
    assertThat(ledger.chargedByDay(a.accountId(), day(), day())).containsEntry(day(), 1L);
  }

  @Test
  void release_givesBackOnce() {
    Account a = accounts.create("a", 1, 300, id());
    String r = id();
    ledger.reserve(a.accountId(), r, 1);
    assertThat(balance(a)).isZero();
    assertThat(ledger.release(r)).isTrue();
    assertThat(ledger.release(r)).isFalse();
    assertThat(ledger.commit(r)).isFalse();
    assertThat(balance(a)).isEqualTo(1);
    assertThat(ledger.chargedByDay(a.accountId(), day(), day())).isEmpty();
  }

  @Test
  void releaseAllOpen_returnsEveryHeldCredit() {
    Account a = accounts.create("a", 10, 300, id());
    for (int i = 0; i < 4; i++) {
      ledger.reserve(a.accountId(), id(), 1);
    }
    assertThat(balance(a)).isEqualTo(6);
    assertThat(ledger.releaseAllOpen()).isEqualTo(4);
    assertThat(balance(a)).isEqualTo(10);
    assertThat(openReservations()).isZero();
  }

  @Test
  void adjust_whenRemovalWouldGoNegative_refusesAndKeepsTheBalance() {
    Account a = accounts.create("a", 5, 300, id());
    assertThatThrownBy(() -> ledger.adjust(a.accountId(), id(), -6, "too much"))
        .isInstanceOf(CreditLedger.InsufficientBalanceException.class);
    assertThat(ledger.adjust(a.accountId(), id(), -5, "all")).isZero();
    assertThat(ledger.adjust(a.accountId(), id(), 7, "top-up")).isEqualTo(7);
  }

  @Test
  void concurrentReservations_neverOverdraw_andLedgerMatchesBalance() throws Exception {
    Account a = accounts.create("a", 50, 300, id());
    AtomicInteger reserved = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  String r = id();
                  if (ledger.reserve(a.accountId(), r, 1)) {
                    reserved.incrementAndGet();
                    if (n % 3 == 0) {
                      ledger.release(r);
                    } else {
                      ledger.commit(r);
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    long balance = balance(a);
    assertThat(balance).isGreaterThanOrEqualTo(0);
    assertThat(ledgerSum(a)).isEqualTo(balance);
    assertThat(reserved.get()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void charge_takesTheCreditsAtOnce_andWritesOneChargeRow() {
    Account a = accounts.create("a", 3, 300, id());
    String r = id();
    assertThat(ledger.charge(a.accountId(), r, 2)).isTrue();
    assertThat(balance(a)).isEqualTo(1);
    assertThat(openReservations()).isZero();
    assertThat(ledgerSum(a)).isEqualTo(1);
    assertThat(ledger.chargedByDay(a.accountId(), day(), day())).containsEntry(day(), 2L);
    // A charge is final: there is no reservation left to commit or release.
    assertThat(ledger.commit(r)).isFalse();
    assertThat(ledger.release(r)).isFalse();
    assertThat(balance(a)).isEqualTo(1);
  }

  @Test
  void charge_whenTheBalanceIsTooLow_refusesAndTakesNothing() {
    Account a = accounts.create("a", 1, 300, id());
    assertThat(ledger.charge(a.accountId(), id(), 2)).isFalse();
    assertThat(balance(a)).isEqualTo(1);
    assertThat(ledger.chargedByDay(a.accountId(), day(), day())).isEmpty();
  }

  @Test
  void concurrentCharges_takeExactlyWhatEachBalanceHolds() throws Exception {
    // Many charges per account land in each batch of the group-committing ledger: the short
    // account's sum cannot be covered, so its charges are settled one by one.
    Account poor = accounts.create("poor", 37, 300, id());
    Account rich = accounts.create("rich", 1_000, 300, id());
    AtomicInteger poorCharged = new AtomicInteger();
    AtomicInteger richCharged = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        boolean toPoor = i % 2 == 0;
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  Account account = toPoor ? poor : rich;
                  if (n % 5 == 0) {
                    // Reservations and their commits share the batches with the charges.
                    String r = id();
                    if (ledger.reserve(account.accountId(), r, 1) && ledger.commit(r)) {
                      (toPoor ? poorCharged : richCharged).incrementAndGet();
                    }
                  } else if (ledger.charge(account.accountId(), id(), 1)) {
                    (toPoor ? poorCharged : richCharged).incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(poorCharged.get()).isEqualTo(37);
    assertThat(balance(poor)).isZero();
    assertThat(ledgerSum(poor)).isZero();
    assertThat(richCharged.get()).isEqualTo(150);
    assertThat(balance(rich)).isEqualTo(850);
    assertThat(ledgerSum(rich)).isEqualTo(850);
  }

  private long balance(Account a) {
    return accounts.find(a.accountId()).orElseThrow().balance();
  }

  private long ledgerSum(Account a) {
    return db.transaction(
        "sum",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COALESCE(SUM(amount), 0) FROM credit_ledger WHERE account_id = ?")) {
            s.setString(1, a.accountId());
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private int openReservations() {
    return db.transaction(
        "count",
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT COUNT(*) FROM credit_reservations");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  private LocalDate day() {
    return LocalDate.parse(JdbcCreditLedger.day(clock.millis()));
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
