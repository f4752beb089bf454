package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.SpendRules;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Debit;
import dev.xhsopenapi.server.billing.Spend;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import dev.xhsopenapi.server.watch.WatchStore;
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
  void keyDailyCap3_refusesTheFourthCharge_untilTheNextUtcDay_andTakesNothing() {
    Account a = accounts.create("cap", 100, 300, UUID.randomUUID().toString());
    Spend spend = new Spend(a.accountId(), "key_1", "xhs-get-user-notes", 1, null, 3L);
    assertThat(ledger.charge(UUID.randomUUID().toString(), spend).balance()).isEqualTo(99);
    String held = UUID.randomUUID().toString();
    assertThat(ledger.reserve(held, spend).debited()).isTrue();
    assertThat(ledger.charge(UUID.randomUUID().toString(), spend).debited()).isTrue();
    // Two charged and one held: a fourth credit would pass the cap.
    assertThat(ledger.charge(UUID.randomUUID().toString(), spend).outcome())
        .isEqualTo(Debit.Outcome.KEY_CAP_REACHED);
    assertThat(ledger.reserve(UUID.randomUUID().toString(), spend).outcome())
        .isEqualTo(Debit.Outcome.KEY_CAP_REACHED);
    ledger.release(held);
    assertThat(ledger.charge(UUID.randomUUID().toString(), spend).debited()).isTrue();
    assertThat(accounts.find(a.accountId()).orElseThrow().balance()).isEqualTo(97);
    // Another key of the account is not held back by this key's cap.
    Spend other = new Spend(a.accountId(), "key_2", "xhs-get-user-notes", 1, null, 3L);
    assertThat(ledger.charge(UUID.randomUUID().toString(), other).debited()).isTrue();
    clock.advance(java.time.Duration.ofHours(14));
    assertThat(ledger.charge(UUID.randomUUID().toString(), spend).debited()).isTrue();
  }

  @Test
  void accountDailyCap_countsEveryKeyOfTheAccount() {
    Account a = accounts.create("acap", 100, 300, UUID.randomUUID().toString());
    assertThat(ledger.charge("r1", new Spend(a.accountId(), "k1", "op", 2, 3L, null)).debited())
        .isTrue();
    assertThat(ledger.charge("r2", new Spend(a.accountId(), "k2", "op", 2, 3L, null)).outcome())
        .isEqualTo(Debit.Outcome.ACCOUNT_CAP_REACHED);
    assertThat(ledger.charge("r3", new Spend(a.accountId(), "k2", "op", 1, 3L, null)).debited())
        .isTrue();
    assertThat(accounts.find(a.accountId()).orElseThrow().balance()).isEqualTo(97);
  }

  @Test
  void lowBalance_isCrossedOncePerCrossing_andReArmedByATopUp() {
    Account a = accounts.create("low", 5, 300, UUID.randomUUID().toString());
    accounts.setSpending(a.accountId(), new SpendRules(null, 3L, null, null));
    Spend one = Spend.of(a.accountId(), 1);
    List<Boolean> crossed = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      crossed.add(ledger.charge(UUID.randomUUID().toString(), one).lowBalanceCrossed());
    }
    // 5 → 4 → 3 → 2 (under 3: crossed) → 1.
    assertThat(crossed).containsExactly(false, false, true, false);
    ledger.adjust(a.accountId(), UUID.randomUUID().toString(), 10, "top-up");
    assertThat(ledger.reserve(UUID.randomUUID().toString(), one).lowBalanceCrossed()).isFalse();
    ledger.adjust(a.accountId(), UUID.randomUUID().toString(), -8, "back down");
    Debit again = ledger.charge(UUID.randomUUID().toString(), one);
    assertThat(again.lowBalanceCrossed()).isTrue();
    assertThat(again.balance()).isEqualTo(1);
  }

  @Test
  void lowBalance_storesOneDeliveryPerCrossing_withTheCharge_forAnAccountWithAWebhook() {
    Account hooked = accounts.create("hooked", 5, 300, UUID.randomUUID().toString());
    accounts.setSpending(
        hooked.accountId(), new SpendRules(null, 3L, "https://hooks.example/low", "whsec_x"));
    Account silent = accounts.create("silent", 5, 300, UUID.randomUUID().toString());
    accounts.setSpending(silent.accountId(), new SpendRules(null, 3L, null, null));
    for (Account a : List.of(hooked, silent)) {
      for (int i = 0; i < 4; i++) {
        ledger.charge(UUID.randomUUID().toString(), Spend.of(a.accountId(), 1));
      }
    }
    JdbcWatchStore deliveries = new JdbcWatchStore(db);
    List<WatchStore.Delivery> claimed =
        deliveries.claimDeliveries("node-a", clock.millis(), 60_000, 10);
    // One event for the crossing of the account with a URL; none past it, none without a URL.
    assertThat(claimed).hasSize(1);
    WatchStore.Delivery d = claimed.getFirst();
    assertThat(d.accountEvent()).isTrue();
    assertThat(d.url()).isEqualTo("https://hooks.example/low");
    assertThat(d.secret()).isEqualTo("whsec_x");
    assertThat(d.attempt()).isEqualTo(1);
    assertThat(d.createdAtMs()).isEqualTo(clock.millis());
    assertThat(d.body())
        .startsWith("{\"event_id\":\"" + d.eventId() + "\",\"type\":\"account.low_balance\"")
        .contains("\"account_id\":\"" + hooked.accountId() + "\"")
        .contains("\"data\":{\"balance\":2,\"low_balance_threshold\":3}");
    // Leased: another node gets nothing until the lease runs out or the attempt is recorded.
    assertThat(deliveries.claimDeliveries("node-b", clock.millis(), 60_000, 10)).isEmpty();
    assertThat(deliveries.backlog(clock.millis()).pendingDeliveries()).isEqualTo(1);
    long next = clock.millis() + 1_000;
    assertThat(
            deliveries.recordAttempt(
                "node-b",
                d,
                new WatchStore.Attempt(
                    1, clock.millis(), 500, null, 5, DeliveryStatus.PENDING, next)))
        .isFalse();
    assertThat(
            deliveries.recordAttempt(
                "node-a",
                d,
                new WatchStore.Attempt(
                    1, clock.millis(), 500, null, 5, DeliveryStatus.PENDING, next)))
        .isTrue();
    assertThat(deliveries.claimDeliveries("node-b", clock.millis(), 60_000, 10)).isEmpty();
    List<WatchStore.Delivery> retried = deliveries.claimDeliveries("node-b", next, 60_000, 10);
    assertThat(retried).extracting(WatchStore.Delivery::attempt).containsExactly(2);
    deliveries.recordAttempt(
        "node-b",
        retried.getFirst(),
        new WatchStore.Attempt(2, next, 204, null, 5, DeliveryStatus.DELIVERED, 0));
    assertThat(deliveries.attempts(d.eventId()))
        .extracting(WatchStore.AttemptRow::node, WatchStore.AttemptRow::httpStatus)
        .containsExactly(tuple("node-a", 500), tuple("node-b", 204));
    assertThat(deliveries.claimDeliveries("node-a", next + 3_600_000, 60_000, 10)).isEmpty();
    assertThat(deliveries.backlog(next).pendingDeliveries()).isZero();
  }

  @Test
  void chargedBy_addsUpToChargedByDay_byOperationAndKey() {
    Account a = accounts.create("by", 100, 300, UUID.randomUUID().toString());
    ledger.charge("c1", new Spend(a.accountId(), "k1", "op-a", 2, null, null));
    ledger.charge("c2", new Spend(a.accountId(), "k1", "op-a", 1, null, null));
    String held = UUID.randomUUID().toString();
    ledger.reserve(held, new Spend(a.accountId(), "k2", "op-b", 3, null, null));
    ledger.commit(held);
    LocalDate day = LocalDate.parse("2026-11-01");
    assertThat(ledger.chargedBy(a.accountId(), day, day))
        .containsExactly(
            new CreditLedger.Charged(day, "op-a", "k1", 3),
            new CreditLedger.Charged(day, "op-b", "k2", 3));
    assertThat(ledger.chargedByDay(a.accountId(), day, day)).containsEntry(day, 6L);
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
    CreditLedger.Reservation six = ledger.startReserve(first, Spend.of(a.accountId(), 6));
    CreditLedger.Reservation sixMore = ledger.startReserve(second, Spend.of(a.accountId(), 6));
    CreditLedger.Reservation four = ledger.startReserve(third, Spend.of(a.accountId(), 4));
    // Settled in the order they were started: the second finds 4 left.
    assertThat(six.held().debited()).isTrue();
    assertThat(sixMore.held().outcome()).isEqualTo(Debit.Outcome.INSUFFICIENT_CREDITS);
    assertThat(four.held().debited()).isTrue();
    // Asking again gives the same outcome.
    assertThat(sixMore.held().debited()).isFalse();
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
    // The day totals are written with the charge rows, so they agree with them exactly.
    assertThat(ledger.chargedByDay(poor.accountId(), day(), day())).containsEntry(day(), 37L);
    assertThat(ledger.chargedByDay(rich.accountId(), day(), day())).containsEntry(day(), 150L);
  }

  @Test
  void chargedByDay_splitsAtUtcMidnight_andCountsReservationsOnlyOnceCommitted() {
    Account a = accounts.create("a", 100, 300, id());
    clock.advance(
        java.time.Duration.between(clock.instant(), Instant.parse("2026-11-01T23:59:59.999Z")));
    assertThat(ledger.charge(a.accountId(), id(), 2)).isTrue();
    String held = id();
    assertThat(ledger.reserve(a.accountId(), held, 5)).isTrue();
    String released = id();
    assertThat(ledger.reserve(a.accountId(), released, 7)).isTrue();
    clock.advance(java.time.Duration.ofMillis(1));
    assertThat(ledger.commit(held)).isTrue();
    assertThat(ledger.release(released)).isTrue();
    assertThat(ledger.charge(a.accountId(), id(), 3)).isTrue();
    assertThat(ledger.chargedByDay(a.accountId(), LocalDate.parse("2026-10-31"), day()))
        .containsExactly(
            java.util.Map.entry(LocalDate.parse("2026-11-01"), 2L),
            java.util.Map.entry(LocalDate.parse("2026-11-02"), 8L));
    assertThat(ledger.chargedByDay(a.accountId(), day(), day())).containsOnlyKeys(day());
    assertThat(balance(a)).isEqualTo(90);
    assertThat(ledgerSum(a)).isEqualTo(90);
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
