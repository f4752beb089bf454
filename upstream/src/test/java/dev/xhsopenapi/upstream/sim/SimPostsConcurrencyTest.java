package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.CatalogueCases.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Posts from several threads while others walk the pages: nothing lost, paging intact. */
class SimPostsConcurrencyTest {
  private static final int POSTERS = 4;
  private static final int POSTS_EACH = 60;
  private static final int READERS = 3;

  // One second for every post: each id must rise above the last within that second.
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
  private final SimDataset dataset = SimDataset.generate(1);
  private final Simulator simulator =
      new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, 7, clock);

  @Test
  void concurrentPostsAndWalks_loseNoPost_andEveryWalkStaysOrdered() throws Exception {
    List<SimUser> creators =
        List.of(dataset.users().get(0), dataset.users().get(1), dataset.users().get(2));
    Map<String, Set<String>> postedBy = new ConcurrentHashMap<>();
    creators.forEach(u -> postedBy.put(u.userId(), ConcurrentHashMap.newKeySet()));
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger postersLeft = new AtomicInteger(POSTERS);
    AtomicInteger walks = new AtomicInteger();
    List<Future<?>> tasks = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(POSTERS + READERS)) {
      for (int t = 0; t < POSTERS; t++) {
        int thread = t;
        tasks.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    for (int i = 0; i < POSTS_EACH; i++) {
                      SimUser creator = creators.get((thread + i) % creators.size());
                      String note = simulator.post(creator.userId(), null).orElseThrow();
                      String id = tree(note.getBytes(UTF_8)).path("id").asText();
                      assertThat(postedBy.get(creator.userId()).add(id)).isTrue();
                    }
                  } finally {
                    postersLeft.decrementAndGet();
                  }
                  return null;
                }));
      }
      for (int r = 0; r < READERS; r++) {
        int reader = r;
        tasks.add(
            pool.submit(
                () -> {
                  start.await();
                  int i = reader;
                  // At least a few walks each, and walks until the last post is made.
                  while (postersLeft.get() > 0 || i < reader + 3) {
                    SimUser creator = creators.get(i++ % creators.size());
                    assertOrdered(creator, PageWalk.walk(simulator, creator.userId(), 7));
                    walks.incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    }

    assertThat(walks.get()).isGreaterThanOrEqualTo(READERS * 3);
    Set<String> all = new HashSet<>();
    for (SimUser creator : creators) {
      Set<String> posted = postedBy.get(creator.userId());
      all.addAll(posted);
      SimUser now = dataset.user(creator.userId()).orElseThrow();
      assertThat(now.notes()).hasSize(creator.notes().size() + posted.size());
      List<PageWalk.Page> pages = PageWalk.walk(simulator, creator.userId(), 7);
      PageWalk.assertFaithful(now, pages, 7);
      List<String> walked = new ArrayList<>();
      pages.forEach(page -> walked.addAll(page.ids()));
      assertThat(walked).containsAll(posted);
    }
    assertThat(all).hasSize(POSTERS * POSTS_EACH);
  }

  /**
   * What any walk must show, posts or not: the pins first, then strictly descending ids (a post
   * made during the walk is above its cursor, so it is not seen), each note once, and at least the
   * user's notes from before the posts.
   */
  private static void assertOrdered(SimUser before, List<PageWalk.Page> pages) {
    List<String> pinned = before.notes().stream().filter(SimNote::sticky).map(SimNote::id).toList();
    List<String> ids = new ArrayList<>();
    pages.forEach(page -> ids.addAll(page.ids()));
    assertThat(ids.subList(0, pinned.size())).isEqualTo(pinned);
    List<String> rest = ids.subList(pinned.size(), ids.size());
    for (int i = 1; i < rest.size(); i++) {
      assertThat(rest.get(i)).as("note %d of the walk", i).isLessThan(rest.get(i - 1));
    }
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(ids).containsAll(before.notes().stream().map(SimNote::id).toList());
  }
}
