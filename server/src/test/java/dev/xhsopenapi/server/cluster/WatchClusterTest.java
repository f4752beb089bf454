package dev.xhsopenapi.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.cluster.WatchedNotes.Delivery;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayProcess;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestPostgres;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimFlavor;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creator watches on two nodes sharing PostgreSQL and Redis: node A in this JVM, node B a child
 * process killed with SIGKILL half-way. 100 watches, every 3 s: each due watch is polled once per
 * interval by one of the nodes, each new note becomes one event delivered once, and when B dies
 * mid-poll and mid-delivery, A takes its work over once B's leases run out and nothing is lost (the
 * delivery B was making arrives twice: webhooks are at least once).
 *
 * <p>Each node asks a SpiderHubs simulator of its own, both over one dataset, so that a post is
 * seen by both nodes and each simulator's billed calls are the polls of its node (the request log
 * does not name the node). Every poll reads one page ({@code max_pages_per_poll} 1, at most one
 * post per creator per interval), so a watch's request log rows are its polls.
 */
class WatchClusterTest {
  private static final String SPIDERHUBS_KEY = "sk_live_clusterupstream0123456789";
  private static final int WATCHES = 100;
  private static final long INTERVAL_MS = 3_000;
  private static final long LEASE_MS = 3_000;
  private static final int WEBHOOK_TIMEOUT_MS = 1_000;

  /** How long a delivery stays leased to the node making it: {@code WatchSettings}' rule. */
  private static final Duration DELIVERY_LEASE = Duration.ofMillis(WEBHOOK_TIMEOUT_MS + 5_000);

  /** The normal case lasts this many intervals, each with posts by other creators. */
  private static final int ROUNDS = 3;

  private static final int POSTS_PER_ROUND = 4;

  /** B's upstream latency once it is to die: none of its polls is shorter. */
  private static final int SLOW_UPSTREAM_MS = 500;

  /** A poll B claimed this recently is surely still waiting for its slow upstream. */
  private static final long FRESH_CLAIM_MS = 300;

  @TempDir Path dir;

  /** Shared by both simulators: a post is in both. */
  private final SimDataset dataset = SimDataset.generate(1);

  private final List<String> creators =
      dataset.users().stream().filter(u -> !u.notes().isEmpty()).map(SimUser::userId).toList();
  private final List<SimServer> servers = new ArrayList<>();
  private final WatchedNotes notes = new WatchedNotes();
  private final Semaphore looking = new Semaphore(1);
  private final CountDownLatch killed = new CountDownLatch(1);
  private final AtomicReference<Kill> kill = new AtomicReference<>();
  private int nextCreator;
  private TestPostgres pg;
  private WebhookReceiver receiver;
  private Simulator upstreamA;
  private Simulator upstreamB;
  private TestGateway nodeA;
  private GatewayProcess.Child nodeB;

  /** Node B's name in leases, and the event whose delivery it was waiting on when killed. */
  private record Kill(String node, String eventId) {}

  @BeforeEach
  void start() throws Exception {
    pg = new TestPostgres();
    receiver = WebhookReceiver.start();
    upstreamA = upstream();
    upstreamB = upstream();
    String[] settingsOfB =
        settings(servers.get(1)).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    // Both nodes start at once (the schema's migration lock lets them): B's JVM takes seconds.
    try (ExecutorService starting = Executors.newSingleThreadExecutor()) {
      Future<GatewayProcess.Child> child =
          starting.submit(() -> GatewayProcess.spawn(dir.resolve("b"), dir, 0, settingsOfB));
      try {
        nodeA = TestGateway.start(dir.resolve("a"), Clock.systemUTC(), settings(servers.get(0)));
      } finally {
        nodeB = child.get();
      }
    }
  }

  @AfterEach
  void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
    servers.forEach(SimServer::stop);
    receiver.close();
    pg.close();
  }

  private Simulator upstream() {
    Simulator sim =
        new Simulator(
            dataset,
            SimSigner.withDefaultSecret(),
            SimFaults.NONE,
            Simulator.faultSeedFor(1),
            Clock.systemUTC(),
            SimFlavor.SPIDERHUBS,
            SPIDERHUBS_KEY);
    servers.add(new SimServer(sim, 0).start());
    return sim;
  }

  private Map<String, String> settings(SimServer upstream) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("db", pg.url());
    s.put("redis", ClusterTest.REDIS);
    s.put("upstream.chain", "spiderhubs");
    s.put("upstream.sources.spiderhubs.kind", "spiderhubs");
    s.put("upstream.sources.spiderhubs.base-url", upstream.uri().toString());
    s.put("upstream.sources.spiderhubs.api-key", SPIDERHUBS_KEY);
    s.put("upstream.cache.ttl-s", "0");
    s.put("upstream.budget-ms", "2000");
    s.put("watches.tick-ms", "50");
    s.put("watches.lease-s", Long.toString(LEASE_MS / 1000));
    s.put("watches.min-interval-s", "1");
    s.put("watches.concurrency", "4");
    s.put("webhooks.concurrency", "8");
    s.put("webhooks.allow-private", "true");
    s.put("webhooks.timeout-ms", Integer.toString(WEBHOOK_TIMEOUT_MS));
    s.put("webhooks.retry-initial-ms", "200");
    return s;
  }

  @Test
  void twoNodesShareThePolls_deliverEachNoteOnce_andLoseNothingWhenOneIsKilled() throws Exception {
    createWatches();
    normalCase();
    Map<String, Long> pollsHeld = killNodeBMidWork();
    long killedAt = System.currentTimeMillis();
    Map<String, Long> deliveriesHeld = leases("webhook_deliveries", "event_id");
    assertThat(pollsHeld).as("watches node B was polling when killed").isNotEmpty();
    assertThat(deliveriesHeld).as("deliveries node B was making").containsKey(kill.get().eventId());

    // A polls every watch within an interval and a lease, B's watches once B's leases ran out.
    Eventually.until(
        "a poll of every watch after the kill",
        Duration.ofMillis(INTERVAL_MS + LEASE_MS + 5_000),
        () ->
            pg.number("SELECT COUNT(*) FROM watches WHERE COALESCE(last_poll_at, 0) < ?", killedAt),
        n -> n == 0);
    for (Map.Entry<String, Long> held : pollsHeld.entrySet()) {
      long pollAfter =
          Eventually.until(
              "the logged poll of " + held.getKey() + " after the kill",
              Duration.ofSeconds(20),
              () ->
                  pg.number(
                      "SELECT COALESCE(MIN(at), 0) FROM request_log WHERE watch_id = ? AND at > ?",
                      held.getKey(),
                      killedAt),
              at -> at > 0);
      assertThat(pollAfter).as("taken over once the lease ran out").isGreaterThan(held.getValue());
    }

    // Every note reaches every watch of its creator, and every event ends delivered: those whose
    // delivery B was making once their leases have run out. Only those may arrive twice.
    notes.awaitDelivered(receiver, DELIVERY_LEASE.plusSeconds(15));
    Eventually.until(
        "every event delivered",
        DELIVERY_LEASE.plusSeconds(15),
        () ->
            pg.number(
                "SELECT COUNT(*) FROM watch_events e LEFT JOIN webhook_deliveries d ON d.event_id"
                    + " = e.event_id WHERE d.status IS NULL OR d.status <> 'delivered'"),
        n -> n == 0);
    assertThat(pg.number("SELECT COUNT(*) FROM watch_events"))
        .isEqualTo(notes.expectedPairs().size());
    List<Delivery> all = receiver.received().stream().map(Delivery::of).toList();
    assertThat(all).extracting(Delivery::type).containsOnly("note.created");
    Map<String, Set<String>> eventsOfPair = new HashMap<>();
    Map<String, Integer> copies = new HashMap<>();
    for (Delivery d : all) {
      eventsOfPair.computeIfAbsent(d.pair(), k -> new HashSet<>()).add(d.eventId());
      copies.merge(d.eventId(), 1, Integer::sum);
    }
    assertThat(eventsOfPair.keySet()).containsExactlyInAnyOrderElementsOf(notes.expectedPairs());
    assertThat(eventsOfPair.values())
        .as("one event per note and watch")
        .allMatch(e -> e.size() == 1);
    copies.values().removeIf(n -> n == 1);
    assertThat(deliveriesHeld.keySet()).as("delivered twice").containsAll(copies.keySet());
    assertThat(copies).as("B's last delivery, made again by A").containsKey(kill.get().eventId());
    for (Map.Entry<String, Long> held : deliveriesHeld.entrySet()) {
      // B's attempt was never recorded: the one recorded is A's, made once B's lease ran out.
      List<List<String>> attempts =
          pg.rows("SELECT node, at FROM webhook_attempts WHERE event_id = ?", held.getKey());
      assertThat(attempts).as("attempts of %s", held.getKey()).hasSize(1);
      assertThat(attempts.getFirst().getFirst()).matches(this::isA);
      assertThat(Long.parseLong(attempts.getFirst().get(1))).isGreaterThan(held.getValue());
    }
  }

  /** 100 watches (interval 3 s, 1 page a poll) over the creators, through A; their baselines. */
  private void createWatches() throws Exception {
    String account = nodeA.createAccount("watcher", 1_000_000, 100_000);
    WatchClient client = new WatchClient(nodeA, nodeA.createKey(account));
    try (ExecutorService creating = Executors.newFixedThreadPool(4)) {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < WATCHES; i++) {
        Map<String, Object> body =
            WatchClient.body(creators.get(i % creators.size()), receiver.url("/hook"));
        body.put("interval_s", INTERVAL_MS / 1000);
        body.put("max_pages_per_poll", 1);
        created.add(creating.submit(() -> client.create(body).path("watch_id").asText()));
      }
      for (int i = 0; i < WATCHES; i++) {
        notes.watch(created.get(i).get(), creators.get(i % creators.size()));
      }
    }
    Eventually.until(
        "the baseline of every watch",
        Duration.ofSeconds(30),
        () -> pg.number("SELECT COUNT(*) FROM watches WHERE baseline_at IS NULL"),
        n -> n == 0);
    assertThat(pg.number("SELECT COUNT(*) FROM watch_events")).as("baselines emit none").isZero();
  }

  /** A few intervals with posts: each watch polled once an interval, each note delivered once. */
  private void normalCase() throws InterruptedException {
    long t0 = System.currentTimeMillis();
    long billedA = upstreamA.billed();
    long billedB = upstreamB.billed();
    for (int round = 0; round < ROUNDS; round++) {
      sleepUntil(t0 + round * INTERVAL_MS + 200);
      post(POSTS_PER_ROUND, "round " + round);
    }
    long t1 = t0 + ROUNDS * INTERVAL_MS;
    sleepUntil(t1);
    long pollsOfA = upstreamA.billed() - billedA;
    long pollsOfB = upstreamB.billed() - billedB;
    List<Delivery> delivered =
        notes.awaitDelivered(receiver, Duration.ofMillis(INTERVAL_MS + 10_000));
    // B's request log writer cannot be flushed from here; it writes within a few hundred ms, later
    // on a busy machine: wait for the rows of every watch's polls of the window.
    sleepUntil(t1 + 1_000);
    Eventually.until(
        "the logged polls of every watch from " + t0 + " to " + t1,
        Duration.ofSeconds(20),
        () ->
            pg.number(
                "SELECT COUNT(*) FROM (SELECT watch_id FROM request_log WHERE watch_id IS NOT NULL"
                    + " AND at >= ? AND at < ? GROUP BY watch_id HAVING COUNT(*) >= ?) logged",
                t0,
                t1,
                ROUNDS - 1),
        n -> n == notes.watches().size());
    Map<String, List<Long>> polls = new HashMap<>();
    String sql =
        "SELECT watch_id, at, status FROM request_log WHERE watch_id IS NOT NULL AND at < ?"
            + " ORDER BY at";
    for (List<String> row : pg.rows(sql, t1)) {
      assertThat(row.get(2)).as("status of a poll of %s", row.get(0)).isEqualTo("200");
      polls.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(Long.parseLong(row.get(1)));
    }
    assertThat(polls.keySet()).containsExactlyInAnyOrderElementsOf(notes.watches());
    polls.forEach(
        (watch, times) -> {
          // Slots are fixed, one an interval: the window holds ROUNDS of them, and a poll made a
          // little after its slot may fall out of either end, or into it.
          assertThat(times.stream().filter(at -> at >= t0).count())
              .as("polls of %s in %d intervals from %d: %s", watch, ROUNDS, t0, times)
              .isBetween((long) ROUNDS - 1, (long) ROUNDS + 1);
          // The baseline is made at once and the first slot may follow it closely; after that no
          // two polls come close together, as they would if two nodes polled one slot (within a
          // tick of each other). A poll made late on a busy machine (seen: 1.5 s) is followed by
          // the next slot's on time, so the bound leaves room for that.
          for (int i = 2; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1))
                .as("time between polls of %s: %s", watch, times)
                .isGreaterThan(INTERVAL_MS / 4);
          }
        });
    assertThat(pollsOfA).as("polls by A (B made %d)", pollsOfB).isPositive();
    assertThat(pollsOfB).as("polls by B (A made %d)", pollsOfA).isPositive();
    assertThat(delivered).extracting(Delivery::eventId).doesNotHaveDuplicates();
    assertThat(delivered)
        .extracting(Delivery::pair)
        .containsExactlyInAnyOrderElementsOf(notes.expectedPairs());
    List<String> deliveredBy =
        pg.rows("SELECT DISTINCT node FROM webhook_attempts").stream().map(List::getFirst).toList();
    assertThat(deliveredBy).as("nodes that delivered").anyMatch(this::isA).anyMatch(this::isB);
  }

  /**
   * Kills node B while it waits for a webhook's answer and for its upstream's, once its upstream
   * has been made slow and creators keep posting.
   *
   * @return the watches B held then, with the end of each lease
   */
  private Map<String, Long> killNodeBMidWork() throws InterruptedException {
    upstreamB.updateFaults(f -> f.merge("{\"latency_ms\":" + SLOW_UPSTREAM_MS + "}"));
    receiver.onRequest(r -> killNodeBOn(r.header("XHS-Openapi-Event-Id")));
    for (int round = 0; round < 3 && killed.getCount() > 0; round++) {
      post(2 * POSTS_PER_ROUND, "before the kill " + round);
      killed.await(INTERVAL_MS + 1_000, TimeUnit.MILLISECONDS);
    }
    receiver.onRequest(null);
    assertThat(kill.get()).as("node B killed mid-delivery and mid-poll").isNotNull();
    return leases("watches", "watch_id");
  }

  /**
   * Kills B if {@code eventId} is its delivery (it waits for this answer) and a poll it claimed in
   * the last {@value #FRESH_CLAIM_MS} ms waits for its slow upstream, looking for one up to 600 ms
   * (less than B's webhook timeout). One request at a time looks.
   */
  private void killNodeBOn(String eventId) {
    String owner =
        pg.text("SELECT lease_owner FROM webhook_deliveries WHERE event_id = ?", eventId);
    if (owner == null || !isB(owner) || !looking.tryAcquire()) {
      return;
    }
    try {
      long until = System.currentTimeMillis() + 600;
      while (killed.getCount() > 0 && System.currentTimeMillis() < until) {
        // A poll lease ends LEASE_MS after its claim.
        long endsAfter = System.currentTimeMillis() - FRESH_CLAIM_MS + LEASE_MS;
        String sql = "SELECT COUNT(*) FROM watches WHERE lease_owner = ? AND lease_until > ?";
        if (pg.number(sql, owner, endsAfter) > 0) {
          nodeB.kill();
          kill.set(new Kill(owner, eventId));
          killed.countDown();
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      looking.release();
    }
  }

  /** The next {@code count} creators post a note each now; both nodes' upstreams serve it. */
  private void post(int count, String title) {
    for (int i = 0; i < count; i++) {
      String creator = creators.get(nextCreator++ % creators.size());
      notes.posted(upstreamA.post(creator, title).orElseThrow(), creator);
    }
  }

  /** Whether a lease owner or attempt's node is node A: its names end {@code -<pid>-<random>}. */
  private boolean isA(String node) {
    return node.matches(".*-" + ProcessHandle.current().pid() + "-[0-9A-Za-z]+");
  }

  private boolean isB(String node) {
    return node.matches(".*-" + nodeB.pid() + "-[0-9A-Za-z]+");
  }

  /** The rows of {@code table} leased to the killed node B, with the end of each lease. */
  private Map<String, Long> leases(String table, String key) {
    Map<String, Long> out = new HashMap<>();
    String sql = "SELECT " + key + ", lease_until FROM " + table + " WHERE lease_owner = ?";
    for (List<String> row : pg.rows(sql, kill.get().node())) {
      out.put(row.get(0), Long.parseLong(row.get(1)));
    }
    return out;
  }

  private static void sleepUntil(long epochMs) throws InterruptedException {
    long wait = epochMs - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
