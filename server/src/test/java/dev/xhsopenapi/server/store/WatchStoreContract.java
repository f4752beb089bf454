package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.SpendRules;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.watch.AccountEvent;
import dev.xhsopenapi.server.watch.DeliveryStatus;
import dev.xhsopenapi.server.watch.Watch;
import dev.xhsopenapi.server.watch.WatchEvent;
import dev.xhsopenapi.server.watch.WatchStatus;
import dev.xhsopenapi.server.watch.WatchStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the watch store (leases, seen notes, events, deliveries), on every engine. */
abstract class WatchStoreContract {
  private static final long T0 = 1_800_000_000_000L;
  private static final long LEASE = 60_000;

  private final RandomIds ids = new RandomIds();
  private Database db;
  private WatchStore store;
  private String account;

  /** A fresh, migrated, empty store. */
  abstract Database open();

  @BeforeEach
  void openStore() {
    db = open();
    store = new JdbcWatchStore(db);
    Account a =
        new JdbcAccountStore(db, Clock.systemUTC(), ids)
            .create("watcher", 10, 300, UUID.randomUUID().toString());
    account = a.accountId();
  }

  @AfterEach
  void closeStore() {
    db.close();
  }

  private Watch watch(String url) {
    Watch w =
        new Watch(
            "wch_" + ids.base62(20),
            account,
            "5a1b2c3d4e5f60718293a4b5",
            url,
            3600,
            5,
            false,
            WatchStatus.ACTIVE,
            T0,
            null,
            T0,
            null,
            null,
            0,
            0);
    store.create(w, "whsec_x");
    return w;
  }

  private WatchEvent.New event(String type) {
    return new WatchEvent.New("evt_" + ids.base62(24), type, T0, "{\"type\":\"" + type + "\"}");
  }

  @Test
  void aDueWatch_isClaimedByOneNode_untilItsLeaseRunsOut() {
    Watch w = watch(null);
    assertThat(store.claimDue("a", T0, LEASE, 10))
        .extracting(Watch::watchId)
        .containsExactly(w.watchId());
    assertThat(store.claimDue("b", T0 + 1, LEASE, 10)).isEmpty();
    // Node a died: once its lease has run out, b takes the watch, and a can record nothing.
    assertThat(store.claimDue("b", T0 + LEASE + 1, LEASE, 10)).hasSize(1);
    assertThat(store.finishPoll("a", w, List.of("n1"), List.of(), T0, T0 + 3_600_000)).isFalse();
    assertThat(store.finishPoll("b", w, List.of("n1"), List.of(), T0, T0 + 3_600_000)).isTrue();
    Watch after = store.find(w.watchId()).orElseThrow();
    assertThat(after.notesSeen()).isEqualTo(1);
    assertThat(after.baselineAtMs()).isEqualTo(T0);
    assertThat(store.claimDue("a", T0 + LEASE * 3, LEASE, 10)).isEmpty();
  }

  @Test
  void concurrentClaims_neverHandTheSameWatchToTwoNodes() throws Exception {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      all.add(watch(null).watchId());
    }
    List<Future<List<Watch>>> claims = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int node = 0; node < 8; node++) {
        String name = "node" + node;
        claims.add(pool.submit(() -> store.claimDue(name, T0, LEASE, 7)));
      }
    }
    List<String> claimed = new ArrayList<>();
    for (Future<List<Watch>> f : claims) {
      f.get().forEach(w -> claimed.add(w.watchId()));
    }
    assertThat(claimed).doesNotHaveDuplicates().hasSize(40);
    assertThat(new HashSet<>(claimed)).isEqualTo(all);
  }

  @Test
  void seenNotes_areRecordedOnce_andReportedBack() {
    Watch w = watch(null);
    store.claimDue("a", T0, LEASE, 1);
    store.finishPoll("a", w, List.of("n1", "n2"), List.of(), T0, T0 + 1);
    assertThat(store.seen(w.watchId(), List.of("n1", "n3"))).containsExactly("n1");
    store.claimDue("a", T0 + 2, LEASE, 1);
    store.finishPoll("a", w, List.of("n2", "n3"), List.of(), T0 + 2, T0 + 5);
    assertThat(store.find(w.watchId()).orElseThrow().notesSeen()).isEqualTo(3);
  }

  @Test
  void events_areNumberedInOrder_andDeliveredOnePerWatchAtATime() {
    Watch w = watch("https://hooks.example.com/x");
    store.claimDue("a", T0, LEASE, 1);
    WatchEvent.New e1 = event("note.created");
    WatchEvent.New e2 = event("note.created");
    store.finishPoll("a", w, List.of("n1", "n2"), List.of(e1, e2), T0, T0 + 3_600_000);
    assertThat(store.events(w.watchId(), 0, 10))
        .extracting(WatchEvent::eventId, WatchEvent::seq, WatchEvent::delivery)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(e1.eventId(), 1L, DeliveryStatus.PENDING),
            org.assertj.core.groups.Tuple.tuple(e2.eventId(), 2L, DeliveryStatus.PENDING));
    assertThat(store.eventSeq(w.watchId(), e2.eventId())).contains(2L);
    assertThat(store.latestEvents(w.watchId(), 1))
        .extracting(WatchEvent::eventId)
        .containsExactly(e2.eventId());
    assertThat(store.events(w.watchId(), 1, 10))
        .extracting(WatchEvent::eventId)
        .containsExactly(e2.eventId());

    List<WatchStore.Delivery> first = store.claimDeliveries("a", T0, LEASE, 10);
    assertThat(first).extracting(WatchStore.Delivery::eventId).containsExactly(e1.eventId());
    assertThat(first.getFirst().attempt()).isEqualTo(1);
    assertThat(first.getFirst().secret()).isEqualTo("whsec_x");
    // The second event waits for the first, whoever asks.
    assertThat(store.claimDeliveries("b", T0, LEASE, 10)).isEmpty();
    WatchStore.Attempt retry =
        new WatchStore.Attempt(1, T0, 500, null, 3, DeliveryStatus.PENDING, T0 + 1000);
    assertThat(store.recordAttempt("b", first.getFirst(), retry)).isFalse();
    assertThat(store.recordAttempt("a", first.getFirst(), retry)).isTrue();
    assertThat(store.claimDeliveries("b", T0 + 500, LEASE, 10)).isEmpty();
    List<WatchStore.Delivery> again = store.claimDeliveries("b", T0 + 1000, LEASE, 10);
    assertThat(again).extracting(WatchStore.Delivery::attempt).containsExactly(2);
    store.recordAttempt(
        "b",
        again.getFirst(),
        new WatchStore.Attempt(2, T0 + 1000, 204, null, 2, DeliveryStatus.DELIVERED, 0));
    assertThat(store.claimDeliveries("a", T0 + 1001, LEASE, 10))
        .extracting(WatchStore.Delivery::eventId)
        .containsExactly(e2.eventId());
    assertThat(store.attempts(e1.eventId()))
        .extracting(WatchStore.AttemptRow::node, WatchStore.AttemptRow::httpStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 500),
            org.assertj.core.groups.Tuple.tuple("b", 204));
    assertThat(store.backlog(T0 + 1001).pendingDeliveries()).isEqualTo(1);
  }

  @Test
  void rollSecret_signsLaterDeliveriesWithTheNewSecret_keepingTheOldOneOnlyUntilItsExpiry() {
    Watch w = watch("https://hooks.example.com/x");
    store.claimDue("a", T0, LEASE, 1);
    WatchEvent.New e1 = event("note.created");
    store.finishPoll("a", w, List.of("n1"), List.of(e1), T0, T0 + 3_600_000);

    assertThat(store.rollSecret("acc_other", w.watchId(), "whsec_y", T0 + 1000)).isFalse();
    assertThat(store.rollSecret(account, "wch_nope", "whsec_y", T0 + 1000)).isFalse();
    assertThat(store.rollSecret(account, w.watchId(), "whsec_y", T0 + 1000)).isTrue();
    WatchStore.Delivery d = store.claimDeliveries("a", T0, LEASE, 10).getFirst();
    assertThat(d.secret()).isEqualTo("whsec_y");
    assertThat(d.oldSecret()).isEqualTo("whsec_x");
    assertThat(d.oldSecretExpiresAtMs()).isEqualTo(T0 + 1000);
    assertThat(d.oldSecretSigns(T0 + 999)).isTrue();
    assertThat(d.oldSecretSigns(T0 + 1000)).isFalse();
    store.releaseLeases("a");

    // A roll without a grace period drops the old secret, and any kept from an earlier roll.
    assertThat(store.rollSecret(account, w.watchId(), "whsec_z", null)).isTrue();
    WatchStore.Delivery next = store.claimDeliveries("a", T0, LEASE, 10).getFirst();
    assertThat(next.secret()).isEqualTo("whsec_z");
    assertThat(next.oldSecret()).isNull();
    assertThat(next.oldSecretExpiresAtMs()).isNull();
    assertThat(next.oldSecretSigns(T0)).isFalse();
    // The watch keeps what it has seen and its events.
    assertThat(store.find(w.watchId()).orElseThrow().notesSeen()).isEqualTo(1);
    assertThat(store.events(w.watchId(), 0, 10)).hasSize(1);
  }

  @Test
  void failures_pauseTheWatchAtTheLimit_withOneWatchFailedEvent_andPollNowResumesIt() {
    Watch w = watch(null);
    for (int i = 1; i <= 3; i++) {
      assertThat(store.claimDue("a", T0 + i * 10_000L, LEASE, 1)).hasSize(1);
      Watch after =
          store
              .failPoll(
                  "a",
                  w,
                  "upstream_unavailable: down",
                  T0,
                  T0 + i * 10_000L + 1,
                  3,
                  n -> event("watch.failed"))
              .orElseThrow();
      assertThat(after.failuresInARow()).isEqualTo(i);
      assertThat(after.status()).isEqualTo(i < 3 ? WatchStatus.ACTIVE : WatchStatus.PAUSED);
    }
    assertThat(store.events(w.watchId(), 0, 10))
        .extracting(WatchEvent::type)
        .containsExactly("watch.failed");
    assertThat(store.claimDue("a", T0 + 1_000_000, LEASE, 1)).isEmpty();
    Watch resumed = store.pollNow(account, w.watchId(), T0 + 1_000_000).orElseThrow();
    assertThat(resumed.status()).isEqualTo(WatchStatus.ACTIVE);
    assertThat(resumed.failuresInARow()).isZero();
    assertThat(store.pollNow("acc_other", w.watchId(), T0)).isEmpty();
  }

  @Test
  void delete_removesTheWatchWithEverythingItHad_onlyForItsAccount() {
    Watch w = watch("https://hooks.example.com/x");
    store.claimDue("a", T0, LEASE, 1);
    store.finishPoll("a", w, List.of("n1"), List.of(event("note.created")), T0, T0 + 1);
    List<WatchStore.Delivery> d = store.claimDeliveries("a", T0, LEASE, 1);
    store.recordAttempt(
        "a",
        d.getFirst(),
        new WatchStore.Attempt(1, T0, 500, null, 1, DeliveryStatus.PENDING, T0 + 5));
    assertThat(store.delete("acc_other", w.watchId())).isFalse();
    assertThat(store.delete(account, w.watchId())).isTrue();
    assertThat(store.find(w.watchId())).isEmpty();
    assertThat(store.events(w.watchId(), 0, 10)).isEmpty();
    assertThat(store.claimDeliveries("a", T0 + 10, LEASE, 10)).isEmpty();
    assertThat(store.delete(account, w.watchId())).isFalse();
  }

  /** Stores an account.low_balance event of {@code accountId} at {@code atMs}; returns its id. */
  private String lowBalance(String accountId, long atMs) {
    Set<String> before = accountEventIds(accountId);
    boolean stored =
        db.transaction("storing an event", c -> AccountEvents.lowBalance(c, accountId, 2, 3, atMs));
    assertThat(stored).isTrue();
    Set<String> added = accountEventIds(accountId);
    added.removeAll(before);
    assertThat(added).hasSize(1);
    return added.iterator().next();
  }

  private Set<String> accountEventIds(String accountId) {
    Set<String> out = new HashSet<>();
    store.accountEvents(accountId, null, 100).orElseThrow().forEach(e -> out.add(e.eventId()));
    return out;
  }

  private String accountWithWebhook(String name) {
    JdbcAccountStore accounts = new JdbcAccountStore(db, Clock.systemUTC(), ids);
    String id = accounts.create(name, 10, 300, UUID.randomUUID().toString()).accountId();
    accounts.setSpending(id, new SpendRules(null, 3L, "https://hooks.example.com/a", "whsec_a"));
    return id;
  }

  @Test
  void accountEvents_listOldestFirst_withTheirDeliveryAndEveryAttempt() {
    String owner = accountWithWebhook("owner");
    String other = accountWithWebhook("other");
    String first = lowBalance(owner, T0);
    String second = lowBalance(owner, T0 + 10);
    String third = lowBalance(owner, T0 + 20);
    String foreign = lowBalance(other, T0 + 5);

    List<WatchStore.Delivery> claimed = store.claimDeliveries("a", T0 + 100, LEASE, 10);
    WatchStore.Delivery d1 = byId(claimed, first);
    WatchStore.Delivery d2 = byId(claimed, second);
    store.recordAttempt(
        "a",
        d1,
        new WatchStore.Attempt(1, T0 + 100, 500, null, 7, DeliveryStatus.PENDING, T0 + 900));
    store.recordAttempt(
        "a",
        d2,
        new WatchStore.Attempt(1, T0 + 100, null, "no answer", 9, DeliveryStatus.FAILED, 0));
    WatchStore.Delivery again = byId(store.claimDeliveries("b", T0 + 900, LEASE, 10), first);
    store.recordAttempt(
        "b", again, new WatchStore.Attempt(2, T0 + 900, 200, null, 4, DeliveryStatus.DELIVERED, 0));

    List<AccountEvent> events = store.accountEvents(owner, null, 10).orElseThrow();
    assertThat(events).extracting(AccountEvent::eventId).containsExactly(first, second, third);
    AccountEvent delivered = events.get(0);
    assertThat(delivered.type()).isEqualTo("account.low_balance");
    assertThat(delivered.createdAtMs()).isEqualTo(T0);
    assertThat(delivered.body()).contains("\"balance\":2", "\"account_id\":\"" + owner + "\"");
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(2);
    assertThat(delivered.nextAttemptAtMs()).isNull();
    assertThat(delivered.endedAtMs()).isEqualTo(T0 + 900);
    assertThat(delivered.history())
        .containsExactly(
            new WatchStore.AttemptRow(1, T0 + 100, "a", 500, null, 7),
            new WatchStore.AttemptRow(2, T0 + 900, "b", 200, null, 4));
    AccountEvent failed = events.get(1);
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.endedAtMs()).isEqualTo(T0 + 100);
    assertThat(failed.history())
        .containsExactly(new WatchStore.AttemptRow(1, T0 + 100, "a", null, "no answer", 9));
    AccountEvent pending = events.get(2);
    assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending.attempts()).isZero();
    assertThat(pending.nextAttemptAtMs()).isEqualTo(T0 + 20);
    assertThat(pending.endedAtMs()).isNull();
    assertThat(pending.history()).isEmpty();

    assertThat(store.accountEvents(other, null, 10).orElseThrow())
        .extracting(AccountEvent::eventId)
        .containsExactly(foreign);
    assertThat(store.accountEvents(account, null, 10)).contains(List.of());
  }

  @Test
  void accountEvents_pageAfterAnEvent_evenWhenSeveralShareAMillisecond() {
    String owner = accountWithWebhook("pages");
    for (int i = 0; i < 5; i++) {
      lowBalance(owner, T0 + (i < 3 ? 0 : i));
    }
    List<String> all =
        store.accountEvents(owner, null, 10).orElseThrow().stream()
            .map(AccountEvent::eventId)
            .toList();
    assertThat(all).hasSize(5).doesNotHaveDuplicates();
    List<String> paged = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 3; page++) {
      List<AccountEvent> events = store.accountEvents(owner, after, 2).orElseThrow();
      events.forEach(e -> paged.add(e.eventId()));
      if (events.isEmpty()) {
        break;
      }
      after = events.getLast().eventId();
    }
    assertThat(paged).isEqualTo(all);
    assertThat(store.accountEvents(owner, all.getLast(), 2)).contains(List.of());

    String foreign = lowBalance(accountWithWebhook("someone"), T0);
    assertThat(store.accountEvents(owner, foreign, 2)).isEmpty();
    assertThat(store.accountEvents(owner, "evt_none", 2)).isEmpty();
  }

  @Test
  void latestAccountEvents_listNewestFirst_inTheReverseOfThePagedOrder_withTheirAttempts() {
    String owner = accountWithWebhook("latest");
    String other = accountWithWebhook("neighbour");
    for (int i = 0; i < 5; i++) {
      lowBalance(owner, T0 + (i < 3 ? 0 : i));
    }
    String foreign = lowBalance(other, T0 + 50);
    List<String> oldestFirst =
        store.accountEvents(owner, null, 10).orElseThrow().stream()
            .map(AccountEvent::eventId)
            .toList();
    String newest = oldestFirst.getLast();
    WatchStore.Delivery d = byId(store.claimDeliveries("a", T0 + 100, LEASE, 10), newest);
    store.recordAttempt(
        "a",
        d,
        new WatchStore.Attempt(1, T0 + 100, null, "<b>refused</b>", 3, DeliveryStatus.FAILED, 0));

    List<AccountEvent> latest = store.latestAccountEvents(owner, 10);
    assertThat(latest)
        .extracting(AccountEvent::eventId)
        .containsExactlyElementsOf(oldestFirst.reversed());
    assertThat(store.latestAccountEvents(owner, 3))
        .extracting(AccountEvent::eventId)
        .containsExactlyElementsOf(oldestFirst.reversed().subList(0, 3));
    AccountEvent failed = latest.getFirst();
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.endedAtMs()).isEqualTo(T0 + 100);
    assertThat(failed.history())
        .containsExactly(new WatchStore.AttemptRow(1, T0 + 100, "a", null, "<b>refused</b>", 3));
    assertThat(latest.get(1).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(latest.get(1).history()).isEmpty();

    assertThat(store.latestAccountEvents(other, 10))
        .extracting(AccountEvent::eventId)
        .containsExactly(foreign);
    assertThat(store.latestAccountEvents(account, 10)).isEmpty();
    assertThat(store.latestAccountEvents("acc_nobody", 10)).isEmpty();
  }

  private static WatchStore.Delivery byId(List<WatchStore.Delivery> claimed, String eventId) {
    return claimed.stream()
        .filter(d -> d.eventId().equals(eventId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(eventId + " not claimed in " + claimed));
  }

  private static final long DAY = 86_400_000L;

  private WatchEvent.New event(String type, long atMs) {
    return new WatchEvent.New("evt_" + ids.base62(24), type, atMs, "{\"type\":\"" + type + "\"}");
  }

  /** Claims the watch's (or an account's) delivery of {@code eventId} and records one attempt. */
  private void attempt(String eventId, long atMs, Integer status, DeliveryStatus outcome) {
    WatchStore.Delivery d = byId(store.claimDeliveries("a", atMs, LEASE, 100), eventId);
    assertThat(
            store.recordAttempt(
                "a",
                d,
                new WatchStore.Attempt(d.attempt(), atMs, status, null, 1, outcome, atMs + 1)))
        .isTrue();
    // Whatever else the claim took goes back, to be claimed again at its own time.
    store.releaseLeases("a");
  }

  private long count(String sql) {
    return db.transaction(
        "counting",
        c -> {
          try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void pruneEndedBefore_removesEventsWhoseDeliveryEndedBeforeTheCutoff_andKeepsTheRest() {
    Watch hooked = watch("https://hooks.example.com/x");
    WatchEvent.New delivered = event("note.created", T0);
    WatchEvent.New failedLate = event("note.created", T0);
    WatchEvent.New pendingOld = event("note.created", T0);
    store.claimDue("a", T0, LEASE, 1);
    store.finishPoll(
        "a",
        hooked,
        List.of("n1", "n2", "n3"),
        List.of(delivered, failedLate, pendingOld),
        T0,
        T0 + 3_600_000);
    // Delivered on the second attempt, long ago; the next failed only recently; the last is still
    // pending (as one whose receiver never answers and whose workers were all stopped).
    attempt(delivered.eventId(), T0, 500, DeliveryStatus.PENDING);
    attempt(delivered.eventId(), T0 + 1000, 204, DeliveryStatus.DELIVERED);
    attempt(failedLate.eventId(), T0 + 10 * DAY, null, DeliveryStatus.FAILED);
    attempt(pendingOld.eventId(), T0 + 10 * DAY + 1, 500, DeliveryStatus.PENDING);

    Watch pullOnly = watch(null);
    WatchEvent.New oldPulled = event("note.created", T0);
    WatchEvent.New newPulled = event("note.created", T0 + 10 * DAY);
    store.claimDue("a", T0, LEASE, 1);
    store.finishPoll(
        "a", pullOnly, List.of("p1", "p2"), List.of(oldPulled, newPulled), T0, T0 + 3_600_000);

    String owner = accountWithWebhook("retained");
    String accountDelivered = lowBalance(owner, T0);
    String accountFailedLate = lowBalance(owner, T0 + 1);
    String accountPending = lowBalance(owner, T0 + 2);
    attempt(accountDelivered, T0 + 100, 200, DeliveryStatus.DELIVERED);
    attempt(accountFailedLate, T0 + 10 * DAY, 500, DeliveryStatus.FAILED);
    attempt(accountPending, T0 + 10 * DAY, 500, DeliveryStatus.PENDING);

    WatchStore.Pruned pruned = store.pruneEndedBefore(T0 + 5 * DAY, 1000);

    assertThat(pruned).isEqualTo(new WatchStore.Pruned(2, 1));
    assertThat(store.events(hooked.watchId(), 0, 10))
        .extracting(WatchEvent::eventId, WatchEvent::seq, WatchEvent::delivery)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(failedLate.eventId(), 2L, DeliveryStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple(pendingOld.eventId(), 3L, DeliveryStatus.PENDING));
    assertThat(store.attempts(delivered.eventId())).isEmpty();
    assertThat(store.attempts(failedLate.eventId())).hasSize(1);
    assertThat(store.eventSeq(hooked.watchId(), delivered.eventId())).isEmpty();
    assertThat(store.events(pullOnly.watchId(), 0, 10))
        .extracting(WatchEvent::eventId)
        .containsExactly(newPulled.eventId());
    assertThat(store.accountEvents(owner, null, 10).orElseThrow())
        .extracting(AccountEvent::eventId)
        .containsExactly(accountFailedLate, accountPending);
    assertThat(store.attempts(accountDelivered)).isEmpty();
    // The seen notes stay: a note whose event was removed is still not new.
    assertThat(store.seen(hooked.watchId(), List.of("n1", "n2", "n3")))
        .containsExactlyInAnyOrder("n1", "n2", "n3");
    assertThat(store.seen(pullOnly.watchId(), List.of("p1", "p2")))
        .containsExactlyInAnyOrder("p1", "p2");
    assertThat(store.find(hooked.watchId()).orElseThrow().notesSeen()).isEqualTo(3);
    assertThat(store.backlog(T0 + 10 * DAY).pendingDeliveries()).isEqualTo(2);

    // A later event keeps numbering after the last one, removed or not.
    store.claimDue("a", T0 + 11 * DAY, LEASE, 10);
    WatchEvent.New later = event("note.created", T0 + 11 * DAY);
    store.finishPoll("a", pullOnly, List.of("p3"), List.of(later), T0 + 11 * DAY, T0 + 12 * DAY);
    assertThat(store.eventSeq(pullOnly.watchId(), later.eventId())).contains(3L);

    // Run again, nothing more is old enough; pending deliveries stay however late the cutoff.
    assertThat(store.pruneEndedBefore(T0 + 5 * DAY, 1000)).isEqualTo(new WatchStore.Pruned(0, 0));
    assertThat(store.pruneEndedBefore(T0 + 1000 * DAY, 1000))
        .isEqualTo(new WatchStore.Pruned(3, 1));
    assertThat(store.events(hooked.watchId(), 0, 10))
        .extracting(WatchEvent::eventId)
        .containsExactly(pendingOld.eventId());
    assertThat(store.events(pullOnly.watchId(), 0, 10)).isEmpty();
    assertThat(store.accountEvents(owner, null, 10).orElseThrow())
        .extracting(AccountEvent::eventId)
        .containsExactly(accountPending);
    assertThat(store.attempts(pendingOld.eventId())).hasSize(1);
  }

  @Test
  void eventsPruned_tellsWhetherAWatchHasLostEventsToRetention() {
    Watch w = watch(null);
    assertThat(store.eventsPruned(w.watchId())).isFalse();
    store.claimDue("a", T0, LEASE, 1);
    store.finishPoll(
        "a",
        w,
        List.of("n1", "n2"),
        List.of(event("note.created", T0), event("note.created", T0 + 10 * DAY)),
        T0,
        T0 + 1);
    assertThat(store.eventsPruned(w.watchId())).isFalse();
    store.pruneEndedBefore(T0 + DAY, 10);
    assertThat(store.eventsPruned(w.watchId())).isTrue();
    assertThat(store.eventsPruned("wch_none")).isFalse();
  }

  @Test
  void pruneEndedBefore_removesMoreThanOneBatch_inBatches() {
    Watch hooked = watch("https://hooks.example.com/x");
    Watch pullOnly = watch(null);
    List<WatchEvent.New> hookedEvents = new ArrayList<>();
    List<WatchEvent.New> pulledEvents = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      hookedEvents.add(event("note.created", T0));
      pulledEvents.add(event("note.created", T0));
      notes.add("n" + i);
    }
    store.claimDue("a", T0, LEASE, 2);
    store.finishPoll("a", hooked, notes, hookedEvents, T0, T0 + 1);
    store.finishPoll("a", pullOnly, notes, pulledEvents, T0, T0 + 1);
    String owner = accountWithWebhook("many");
    for (int i = 0; i < 11; i++) {
      lowBalance(owner, T0 + i);
    }
    // Ended long ago, each with two attempts: written directly, as deliveries go one at a time.
    db.transaction(
        "ending every delivery",
        c -> {
          try (var s = c.createStatement()) {
            for (String table : List.of("webhook_deliveries", "account_deliveries")) {
              s.executeUpdate(
                  "UPDATE " + table + " SET status = 'delivered', attempts = 2, ended_at = " + T0);
            }
            for (int attempt = 1; attempt <= 2; attempt++) {
              s.executeUpdate(
                  "INSERT INTO webhook_attempts SELECT event_id, "
                      + attempt
                      + ", "
                      + T0
                      + ", 'a', 204, NULL, 1 FROM webhook_deliveries");
              s.executeUpdate(
                  "INSERT INTO account_delivery_attempts SELECT event_id, "
                      + attempt
                      + ", "
                      + T0
                      + ", 'a', 204, NULL, 1 FROM account_deliveries");
            }
          }
          return null;
        });

    assertThat(store.pruneEndedBefore(T0 + 1, 5)).isEqualTo(new WatchStore.Pruned(24, 11));

    assertThat(count("SELECT COUNT(*) FROM watch_events")).isZero();
    assertThat(count("SELECT COUNT(*) FROM webhook_deliveries")).isZero();
    assertThat(count("SELECT COUNT(*) FROM webhook_attempts")).isZero();
    assertThat(count("SELECT COUNT(*) FROM account_deliveries")).isZero();
    assertThat(count("SELECT COUNT(*) FROM account_delivery_attempts")).isZero();
    assertThat(count("SELECT COUNT(*) FROM watch_seen")).isEqualTo(24);
  }

  @Test
  void nodesPruningAtOnce_eachRemoveWhatTheOthersHaveNot_withoutFailing() throws Exception {
    Watch pullOnly = watch(null);
    List<WatchEvent.New> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      events.add(event("note.created", T0));
    }
    store.claimDue("a", T0, LEASE, 1);
    store.finishPoll("a", pullOnly, List.of("n1"), events, T0, T0 + 1);
    String owner = accountWithWebhook("together");
    for (int i = 0; i < 20; i++) {
      lowBalance(owner, T0 + i);
    }
    for (WatchStore.Delivery d : store.claimDeliveries("a", T0 + 100, LEASE, 100)) {
      store.recordAttempt(
          "a", d, new WatchStore.Attempt(1, T0 + 100, 204, null, 1, DeliveryStatus.DELIVERED, 0));
    }
    List<Future<WatchStore.Pruned>> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int node = 0; node < 4; node++) {
        runs.add(pool.submit(() -> store.pruneEndedBefore(T0 + DAY, 7)));
      }
    }
    int watchEvents = 0;
    int accountEvents = 0;
    for (Future<WatchStore.Pruned> run : runs) {
      watchEvents += run.get().watchEvents();
      accountEvents += run.get().accountEvents();
    }
    assertThat(watchEvents).isEqualTo(60);
    assertThat(accountEvents).isEqualTo(20);
    assertThat(count("SELECT COUNT(*) FROM watch_events")).isZero();
    assertThat(count("SELECT COUNT(*) FROM account_deliveries")).isZero();
  }

  @Test
  void releaseLeases_freesANodesWorkAtOnce() {
    watch(null);
    assertThat(store.claimDue("a", T0, LEASE, 10)).hasSize(1);
    store.releaseLeases("a");
    assertThat(store.claimDue("b", T0 + 1, LEASE, 10)).hasSize(1);
    assertThat(store.backlog(T0 + 5000).pollLagMs()).isEqualTo(5000);
  }
}
