package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.store.JdbcAccountStore;
import dev.xhsopenapi.server.store.JdbcWatchStore;
import dev.xhsopenapi.server.store.SqliteDatabase;
import dev.xhsopenapi.server.testing.Clocks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a node prunes old webhook events, driven by a clock the test moves rather than by waits. */
class EventRetentionTest {
  private static final Duration RETENTION = Duration.ofDays(30);

  @TempDir Path dir;
  private final RandomIds ids = new RandomIds();
  private final Clocks.Movable clock = Clocks.movable();
  private Database db;
  private WatchStore store;
  private Watch watch;
  private final List<String> notes = new ArrayList<>();

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir);
    store = new JdbcWatchStore(db);
    String account =
        new JdbcAccountStore(db, clock, ids)
            .create("retained", 10, 300, UUID.randomUUID().toString())
            .accountId();
    long now = clock.millis();
    watch =
        new Watch(
            "wch_" + ids.base62(20),
            account,
            "5a1b2c3d4e5f60718293a4b5",
            null,
            3600,
            5,
            false,
            WatchStatus.ACTIVE,
            now,
            null,
            now,
            null,
            null,
            0,
            0);
    store.create(watch, "whsec_x");
  }

  @AfterEach
  void close() {
    db.close();
  }

  /**
   * Stores {@code n} events of the watch (which has no URL, so no deliveries) at the clock's now.
   */
  private void events(int n) {
    long now = clock.millis();
    List<WatchEvent.New> events = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          new WatchEvent.New("evt_" + ids.base62(24), "note.created", now, "{\"type\":\"x\"}"));
      added.add("n" + ids.base62(8));
    }
    assertThat(store.claimDue("node", now, 60_000, 1)).hasSize(1);
    assertThat(store.finishPoll("node", watch, added, events, now, now)).isTrue();
    notes.addAll(added);
  }

  private int kept() {
    return store.events(watch.watchId(), 0, 100).size();
  }

  @Test
  void runsALittleAfterStart_thenAtMostHourly_removingOnlyWhatIsPastTheRetention() {
    events(3);
    EventRetention retention = new EventRetention(store, RETENTION, clock, 2);

    assertThat(retention.runIfDue(Runnable::run)).isFalse();
    clock.advance(EventRetention.FIRST_AFTER);
    assertThat(retention.runIfDue(Runnable::run)).isTrue();
    assertThat(kept()).isEqualTo(3);
    assertThat(retention.runIfDue(Runnable::run)).isFalse();

    clock.advance(RETENTION.minus(EventRetention.FIRST_AFTER).minusHours(2));
    events(2);
    assertThat(retention.runIfDue(Runnable::run)).isTrue();
    assertThat(kept()).isEqualTo(5);

    // Past the retention of the first three, in batches of two; the later two stay.
    clock.advance(Duration.ofHours(3));
    assertThat(retention.runIfDue(Runnable::run)).isTrue();
    assertThat(kept()).isEqualTo(2);
    assertThat(store.seen(watch.watchId(), notes)).hasSize(5);
    assertThat(store.find(watch.watchId()).orElseThrow().notesSeen()).isEqualTo(5);

    clock.advance(Duration.ofMinutes(59));
    assertThat(retention.runIfDue(Runnable::run)).isFalse();
    clock.advance(RETENTION);
    assertThat(retention.run()).contains(new WatchStore.Pruned(2, 0));
    assertThat(kept()).isZero();
    assertThat(retention.run()).isEqualTo(Optional.empty());
  }

  @Test
  void aRunTheStoreRefuses_isLogged_andTheNextHoursRunTriesAgain() {
    events(1);
    AtomicBoolean down = new AtomicBoolean(true);
    WatchStore flaky =
        (WatchStore)
            Proxy.newProxyInstance(
                WatchStore.class.getClassLoader(),
                new Class<?>[] {WatchStore.class},
                (proxy, method, args) -> {
                  if (down.get()) {
                    throw new IllegalStateException("store down");
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    EventRetention retention = new EventRetention(flaky, RETENTION, clock);
    clock.advance(RETENTION.plusDays(1));

    assertThat(retention.runIfDue(Runnable::run)).isTrue();
    assertThat(kept()).isEqualTo(1);

    down.set(false);
    assertThat(retention.runIfDue(Runnable::run)).isFalse();
    clock.advance(EventRetention.EVERY);
    assertThat(retention.runIfDue(Runnable::run)).isTrue();
    assertThat(kept()).isZero();
  }

  @Test
  void aRunStillUnderWay_isNotStartedTwice() {
    EventRetention retention = new EventRetention(store, RETENTION, clock);
    clock.advance(EventRetention.FIRST_AFTER);
    List<Runnable> queued = new ArrayList<>();
    assertThat(retention.runIfDue(queued::add)).isTrue();
    clock.advance(EventRetention.EVERY);
    assertThat(retention.runIfDue(queued::add)).isFalse();
    queued.removeFirst().run();
    assertThat(retention.runIfDue(queued::add)).isTrue();
  }
}
