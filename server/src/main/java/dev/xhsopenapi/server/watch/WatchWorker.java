package dev.xhsopenapi.server.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.api.DataCalls;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.config.WatchSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A node's share of the watch work: every {@code watches.tick-ms} (and whenever a slot frees up or
 * a poll is asked for) it claims due polls and due deliveries from the shared store, as many as it
 * has free slots ({@code watches.concurrency}, {@code webhooks.concurrency}), and runs each on a
 * virtual thread; accounts' own events ({@code account.low_balance}) are delivered the same way.
 * Claims are leases, so each due watch is polled by one node and each delivery made by one node at
 * a time; work a dead node held is taken over when its lease runs out. Stopping interrupts the work
 * in flight (which records nothing) and releases this node's leases. The worker also removes the
 * events past {@code webhooks.retention-days} ({@link EventRetention}), hourly, off the claiming
 * loop.
 */
public final class WatchWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WatchWorker.class);

  private final String node;
  private final WatchStore store;
  private final WatchSettings settings;
  private final Clock clock;
  private final WatchPoller poller;
  private final WebhookSender sender;
  private final HttpClient http;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore pollSlots;
  private final Semaphore deliverySlots;
  private final LinkedBlockingQueue<Boolean> wakeups = new LinkedBlockingQueue<>();
  private final EventRetention retention;
  private volatile boolean running;
  private Thread loop;

  /**
   * Creates the worker of this node (not started).
   *
   * @param node this node's name in leases (unique per process)
   */
  public WatchWorker(
      String node,
      DataCalls calls,
      AccountStore accounts,
      WatchStore store,
      WatchSettings settings,
      RandomIds ids,
      ObjectMapper json,
      Clock clock,
      WatchMetrics metrics) {
    this.node = node;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.deliveryTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.poller = new WatchPoller(calls, accounts, store, settings, ids, json, clock, metrics);
    this.sender = new WebhookSender(store, settings, http, clock, metrics);
    this.pollSlots = new Semaphore(settings.pollConcurrency());
    this.deliverySlots = new Semaphore(settings.deliveryConcurrency());
    this.retention = new EventRetention(store, settings.retention(), clock);
  }

  /** This node's name in the leases it takes. */
  public String node() {
    return node;
  }

  /** Starts claiming work. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    loop = Thread.ofVirtual().name("watch-worker").start(this::run);
    log.info("watch worker {} started", node);
  }

  /** Looks for due work now rather than at the next tick (after a "poll now"). */
  public void wake() {
    wakeups.offer(Boolean.TRUE);
  }

  private void run() {
    while (running) {
      try {
        claim();
      } catch (RuntimeException e) {
        // The store is down or refused: try again at the next tick.
        log.warn("watch worker could not claim work: {}", e.getMessage());
      }
      try {
        retention.runIfDue(work);
      } catch (RuntimeException e) {
        log.warn("watch worker could not start pruning events: {}", e.getMessage());
      }
      try {
        wakeups.poll(settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void claim() {
    long now = clock.millis();
    List<Watch> due =
        store.claimDue(node, now, settings.pollLease().toMillis(), pollSlots.availablePermits());
    for (Watch watch : due) {
      pollSlots.acquireUninterruptibly();
      work.execute(
          () -> {
            MDC.put("watch_id", watch.watchId());
            try {
              poller.poll(node, watch);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              log.warn("poll of watch {} ended in error: {}", watch.watchId(), e.toString());
            } finally {
              MDC.remove("watch_id");
              pollSlots.release();
              wake();
            }
          });
    }
    List<WatchStore.Delivery> deliveries =
        store.claimDeliveries(
            node, now, settings.deliveryLease().toMillis(), deliverySlots.availablePermits());
    for (WatchStore.Delivery delivery : deliveries) {
      deliverySlots.acquireUninterruptibly();
      work.execute(
          () -> {
            if (!delivery.accountEvent()) {
              MDC.put("watch_id", delivery.watchId());
            }
            try {
              sender.deliver(node, delivery);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              log.warn("delivery of {} ended in error: {}", delivery.eventId(), e.toString());
            } finally {
              MDC.remove("watch_id");
              deliverySlots.release();
              wake();
            }
          });
    }
  }

  /**
   * Stops claiming, interrupts the polls and deliveries in flight (waiting up to 5 s for them) and
   * releases this node's leases so that other nodes can take the work at once.
   */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      this.running = false;
      thread = loop;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    work.shutdownNow();
    try {
      if (!work.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("watch work still running after 5 s; its leases will run out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      store.releaseLeases(node);
    } catch (RuntimeException e) {
      log.warn("could not release the leases of {}: {}", node, e.getMessage());
    }
    http.close();
  }
}
