package dev.xhsopenapi.server.app;

import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.cache.SharedAnswers;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.ops.metrics.GatewayMetrics;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.server.watch.WatchWorker;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamProvider;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway node, assembled in one place: the stores, the rate limiter, the upstream, the HTTP
 * surfaces and the server. Everything is passed down by constructors; nothing is global. What it
 * opens, {@link #close} closes in reverse order.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Stores stores;
  private final AccountActions actions;
  private final Closer closer;
  private final Upstream upstream;
  private final WebServer server;
  private final WatchWorker watchWorker;
  private volatile boolean started;

  private Gateway(
      GatewayConfig config, Clock clock, Function<UpstreamEvents, Upstream> opener, Closer c) {
    this.config = config;
    this.closer = c;
    GatewayMetrics metrics = new GatewayMetrics();
    // First, so that a chain that cannot work stops the start before the store is touched.
    this.upstream = c.add("upstream", opener.apply(metrics.upstreamEvents()));
    this.stores = c.add("store", Stores.open(config, clock, metrics));
    RateLimiter limiter = c.addIfCloseable("rate limiter", Limiters.connect(config, clock));
    SharedAnswers shared = Limiters.sharedAnswers(config);
    if (shared != null) {
      c.add("shared cache", shared);
    }
    ExecutorService calls = c.add("upstream calls", Executors.newVirtualThreadPerTaskExecutor());
    Surfaces surfaces = new Surfaces(config, clock, stores, limiter);
    this.actions = surfaces.platform().actions();
    this.server = surfaces.server(upstream, calls, metrics, shared);
    c.add("HTTP server", server::stop);
    // Closed before the server stops: polls in flight are interrupted and their leases released.
    this.watchWorker = c.add("watch worker", surfaces.watchWorker());
  }

  /**
   * Opens the upstream that {@code upstream:} configures and the store, releases reservations left
   * open by a crash, and starts serving.
   *
   * @throws GatewayStartException when the store cannot be opened, the rate limiter's Redis cannot
   *     be reached or the port cannot be bound; its message names the path, address or port
   * @throws IllegalArgumentException when a setting cannot work (e.g. a {@code --db} URL that is
   *     not PostgreSQL's, an unknown provider in {@code upstream.chain})
   */
  public static Gateway start(GatewayConfig config, Clock clock) {
    return start(config, clock, events -> Upstream.open(config.upstreamSettings(), clock, events));
  }

  /** {@link #start(GatewayConfig, Clock)} over these providers, each behind its breaker (tests). */
  public static Gateway start(GatewayConfig config, Clock clock, List<UpstreamProvider> providers) {
    return start(
        config, clock, events -> Upstream.of(config.upstreamSettings(), providers, clock, events));
  }

  private static Gateway start(
      GatewayConfig config, Clock clock, Function<UpstreamEvents, Upstream> openUpstream) {
    Closer closer = new Closer();
    Gateway gateway;
    try {
      gateway = new Gateway(config, clock, openUpstream, closer);
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
    gateway.server.start();
    if (!gateway.server.isRunning()) {
      // Helidon logs the listener's failure and returns; the node must not run on without it.
      gateway.close();
      throw Listening.failure(config.host(), config.port());
    }
    if (config.watches().run()) {
      gateway.watchWorker.start();
    }
    gateway.started = true;
    log.info(
        "xhs-openapi listening on port {} (store {}, limits {}, cache {}, upstream {})",
        gateway.port(),
        gateway.stores.database().engine(),
        config.redisUrl() == null ? "local" : "redis",
        config.redisUrl() != null && config.upstream().cacheShared() ? "local+redis" : "local",
        gateway.upstream.names());
    return gateway;
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The configuration the node runs with. */
  public GatewayConfig config() {
    return config;
  }

  /** The account store (for the demo's set-up). */
  public AccountStore accounts() {
    return stores.accounts();
  }

  /** The key store (for the demo's set-up). */
  public KeyStore keys() {
    return stores.keys();
  }

  /** The creator watches, their events and deliveries (for checks). */
  public WatchStore watches() {
    return stores.watches();
  }

  /** The store (for checks). */
  public Database database() {
    return stores.database();
  }

  /**
   * The audited changes to accounts, keys and credits (for the demo's set-up), the same the admin
   * API and the console make.
   */
  public AccountActions actions() {
    return actions;
  }

  /** The credit ledger (for the demo's set-up and for checks). */
  public CreditLedger ledger() {
    return stores.ledger();
  }

  /**
   * Stops accepting connections, lets requests in flight finish (for up to {@code
   * shutdown.grace-s}), then closes the upstream's executor, the rate limiter and the stores (the
   * queued request log rows written, batched credits settled).
   */
  @Override
  public void close() {
    closer.close();
    if (started) {
      log.info("xhs-openapi stopped");
    }
  }
}
