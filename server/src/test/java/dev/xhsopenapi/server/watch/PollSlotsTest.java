package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.auth.RandomIds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Poll slots: spread over the interval, fixed in time, always in the future. */
class PollSlotsTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final int INTERVAL_S = 3600;

  private static Watch watch(String id, long createdAtMs) {
    return new Watch(
        id,
        "acc",
        "5a1b2c3d4e5f60718293a4b5",
        null,
        INTERVAL_S,
        5,
        false,
        WatchStatus.ACTIVE,
        createdAtMs,
        createdAtMs,
        createdAtMs,
        null,
        null,
        0,
        0);
  }

  @Test
  void watchesCreatedTogether_fallDueSpreadOverTheInterval() {
    RandomIds ids = new RandomIds();
    List<Long> slots = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      slots.add(WatchPoller.nextSlot(watch("wch_" + ids.base62(20), NOW), NOW));
    }
    assertThat(slots)
        .allSatisfy(
            s -> assertThat(s).isGreaterThan(NOW).isLessThanOrEqualTo(NOW + INTERVAL_S * 1000L));
    // No thundering herd: the 100 watches use most of the hour's minutes, none takes more than a
    // few.
    var perMinute =
        slots.stream()
            .collect(Collectors.groupingBy(s -> (s - NOW) / 60_000, Collectors.counting()));
    assertThat(perMinute.size()).isGreaterThan(40);
    assertThat(perMinute.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(8));
  }

  @Test
  void aWatchsSlots_areAnIntervalApart_whenEverThePollEnds() {
    Watch w = watch("wch_AAAAAAAAAAAAAAAAAAAA", NOW);
    long first = WatchPoller.nextSlot(w, NOW);
    // A poll that ends late (or early) still lands on the same grid.
    assertThat(WatchPoller.nextSlot(w, first + 10_000)).isEqualTo(first + INTERVAL_S * 1000L);
    assertThat(WatchPoller.nextSlot(w, first - 1)).isEqualTo(first);
    assertThat(WatchPoller.nextSlot(w, first)).isEqualTo(first + INTERVAL_S * 1000L);
  }
}
