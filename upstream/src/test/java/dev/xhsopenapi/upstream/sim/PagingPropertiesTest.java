package dev.xhsopenapi.upstream.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The paging invariant for any seed, page size and note order. */
class PagingPropertiesTest {

  @Property(tries = 15)
  void walk_ofEveryGeneratedUser_isFaithfulForAnySeedAndPageSize(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int num) {
    Simulator simulator = simulator(SimDataset.generate(seed));
    for (SimUser user : simulator.dataset().users()) {
      PageWalk.assertFaithful(user, PageWalk.walk(simulator, user.userId(), num), num);
    }
  }

  @Property(tries = 300)
  void walk_ofAnyTimeline_isFaithfulWhateverTheFileOrder(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 60) int notes,
      @ForAll @IntRange(min = 0, max = 6) int pins,
      @ForAll @IntRange(min = 1, max = 20) int num) {
    SimUser user = shuffledUser(new SplittableRandom(seed), notes, Math.min(pins, notes));
    Simulator simulator = simulator(new SimDataset(List.of(user)));

    PageWalk.assertFaithful(user, PageWalk.walk(simulator, user.userId(), num), num);
  }

  /**
   * A user whose notes, pinned ones included, sit in random order, with ids that often share their
   * time prefix; the pinned order is the order the pins end up in.
   */
  private static SimUser shuffledUser(SplittableRandom random, int count, int pins) {
    HexFormat hex = HexFormat.of();
    Set<String> ids = new LinkedHashSet<>();
    while (ids.size() < count) {
      ids.add(
          hex.toHexDigits(0x60000000 + random.nextInt(50))
              + hex.toHexDigits(random.nextLong(1L << 20)));
    }
    List<SimNote> notes = new ArrayList<>();
    for (String id : ids) {
      boolean sticky = notes.size() < pins;
      notes.add(new LoadedNote(id, sticky, "{\"id\":\"" + id + "\",\"sticky\":" + sticky + "}"));
    }
    for (int i = notes.size() - 1; i > 0; i--) {
      notes.set(i, notes.set(random.nextInt(i + 1), notes.get(i)));
    }
    return new SimUser("5f0000000000000000000001", "测试用户", "https://example.invalid/a.jpg", notes);
  }

  private static Simulator simulator(SimDataset dataset) {
    return new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC());
  }
}
