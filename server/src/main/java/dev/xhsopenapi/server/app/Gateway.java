package dev.xhsopenapi.server.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.admin.AdminApi;
import dev.xhsopenapi.server.admin.AdminToken;
import dev.xhsopenapi.server.admin.UpstreamSessions;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.server.api.RefusedRequests;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.auth.Authenticator;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Prices;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.console.Console;
import dev.xhsopenapi.server.docs.ApiDocs;
import dev.xhsopenapi.server.notes.PageCache;
import dev.xhsopenapi.server.ops.health.HealthEndpoints;
import dev.xhsopenapi.server.ops.metrics.GatewayMetrics;
import dev.xhsopenapi.server.ratelimit.LocalRateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.ratelimit.RateLimiterUnavailableException;
import dev.xhsopenapi.server.ratelimit.RedisRateLimiter;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.store.BatchingCreditLedger;
import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.store.JdbcAccountStore;
import dev.xhsopenapi.server.store.JdbcConsoleStore;
import dev.xhsopenapi.server.store.JdbcKeyStore;
import dev.xhsopenapi.server.store.JdbcRequestLogStore;
import dev.xhsopenapi.server.store.PostgresDatabase;
import dev.xhsopenapi.server.store.SqliteDatabase;
import dev.xhsopenapi.server.store.StoreException;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.upstream.Upstream;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamProvider;
import io.helidon.http.HttpException;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway node, wired in one place: store, keys, credits, limits, cache, providers and the HTTP
 * server. Everything is passed down by constructors; nothing is global.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final Set<String> KNOWN_PATHS =
      Set.of(PublicApi.NOTES_PATH, PublicApi.ACCOUNT_PATH);

  /** The longest request line (method, target, version) read, in bytes; longer ones get 414. */
  static final int MAX_REQUEST_LINE_BYTES = 4096;

  /** The most header bytes read per request; more get 431. */
  static final int MAX_HEADER_BYTES = 16384;

  private final GatewayConfig config;
  private final Database db;
  private final AccountStore accounts;
  private final KeyStore keys;
  private final CreditLedger ledger;
  private final BatchingCreditLedger settlement;
  private final RequestLog requestLog;
  private final ExecutorService upstreamExecutor;
  private final ScheduledExecutorService sweeper;
  private final RateLimiter limiter;
  private final Upstream upstream;
  private final AccountActions actions;
  private final WebServer server;
  private volatile boolean started;

  private Gateway(
      GatewayConfig config, Clock clock, GatewayMetrics metrics, Upstream upstream, Database db) {
    this.config = config;
    this.db = db;
    this.upstream = upstream;
    // First, so that a Redis that cannot be reached stops the start before any thread is started.
    this.limiter = connectLimiter(config, clock);
    RandomIds ids = new RandomIds();
    this.accounts = new JdbcAccountStore(db, clock, ids);
    this.keys = new JdbcKeyStore(db, clock);
    this.settlement = new BatchingCreditLedger(db, clock);
    this.ledger = metrics.meter(settlement);
    RequestLogStore requestLogStore = new JdbcRequestLogStore(db);
    // A single node owns every reservation in its store: any still open belong to a previous
    // run of this node that died before settling them. In a shared store they may belong to live
    // nodes, so only those older than any request lives are released, here and periodically.
    releaseAbandoned(
        db.shared()
            ? clock.millis() - config.abandonReservationsAfter().toMillis()
            : Long.MAX_VALUE);
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reservation-sweeper").daemon().factory());
    long sweepEvery = Math.max(1, config.abandonReservationsAfter().toSeconds() / 4);
    // Failures are logged inside the task; the future only matters for cancelling, done by close.
    var unused =
        sweeper.scheduleWithFixedDelay(
            () -> releaseAbandoned(clock.millis() - config.abandonReservationsAfter().toMillis()),
            sweepEvery,
            sweepEvery,
            TimeUnit.SECONDS);
    this.requestLog =
        new RequestLog(
            requestLogStore,
            keys,
            clock,
            config.requestLog().queueCapacity(),
            config.requestLog().retention());
    metrics.watch(requestLog);
    this.upstreamExecutor = Executors.newVirtualThreadPerTaskExecutor();
    ObjectMapper json = new ObjectMapper();
    Responses responses = new Responses(json);
    Authenticator authenticator = new Authenticator(keys, clock);
    Usage usage = new Usage(ledger, requestLogStore, requestLog, clock);
    PageCache pages =
        new PageCache(
            upstream.chain(),
            clock,
            config.upstream().cacheTtl(),
            config.upstream().cacheStale(),
            config.upstream().cacheMaxBytes(),
            upstreamExecutor);
    PublicApi publicApi =
        new PublicApi(
            authenticator,
            limiter,
            ledger,
            new Prices(config.prices()),
            pages,
            accounts,
            usage,
            requestLog,
            responses,
            clock,
            config.upstream().budget());
    Optional<AdminToken> adminToken = Optional.ofNullable(config.adminToken()).map(AdminToken::new);
    this.actions = new AccountActions(accounts, keys, ledger, authenticator, ids);
    UpstreamSessions upstreamSessions = new UpstreamSessions(upstream);
    Console console =
        new Console(
            new JdbcConsoleStore(db),
            accounts,
            keys,
            actions,
            usage,
            requestLog,
            upstreamSessions,
            adminToken,
            ids,
            clock,
            config.console().secureCookies());
    AdminApi adminApi =
        adminToken
            .map(
                token ->
                    new AdminApi(
                        token,
                        accounts,
                        keys,
                        actions,
                        console.invites(),
                        usage,
                        requestLog,
                        requestLogStore,
                        config.defaultRateLimit(),
                        json,
                        responses,
                        upstreamSessions))
            .orElse(null);
    metrics.watch(upstream);
    HttpRouting.Builder routing = HttpRouting.builder();
    metrics.routes(routing);
    new HealthEndpoints(db, limiter, upstream, responses).routes(routing);
    new ApiDocs(json, responses).routes(routing);
    publicApi.routes(routing);
    if (adminApi != null) {
      adminApi.routes(routing);
    }
    console.routes(routing);
    routing.any((req, res) -> fallback(req, res, responses, adminApi != null));
    RefusedRequests refused =
        new RefusedRequests(
            responses, MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, config.maxBodyBytes());
    routing.error(
        Throwable.class,
        (req, res, t) -> {
          if (res.isSent()) {
            log.error("error on {} after its answer was sent", req.path().path(), t);
            return;
          }
          String requestId = UUID.randomUUID().toString();
          res.header(Responses.REQUEST_ID, requestId);
          responses.error(res, requestId, unhandled(req, t, refused));
        });
    this.server =
        WebServer.builder()
            .host(config.host())
            .port(config.port())
            // The limits of what the HTTP layer reads; requests past them are answered by
            // RefusedRequests (414, 431, 413) before any route runs. A body is refused from its
            // Content-Length, unread; a chunked one as soon as it passes the limit. HTTP/1.1 is
            // the only protocol: with one, every connection goes straight to it, so even a
            // request line too long or too broken to look like HTTP/1.1 is answered (414, 400)
            // rather than dropped by the protocol detection.
            .protocolsDiscoverServices(false)
            .addProtocol(
                Http1Config.builder()
                    .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                    .maxHeadersSize(MAX_HEADER_BYTES)
                    .build())
            .maxPayloadSize(config.maxBodyBytes())
            .directHandlers(refused.asDirectHandlers())
            // Hands Helidon's own description of a refusal to RefusedRequests, which tells an
            // oversized header block from other malformed requests by it (it is logged, not sent).
            .errorHandling(ErrorHandling.builder().includeEntity(true).build())
            .shutdownHook(false)
            // Stopping lets requests in flight finish (their credits settle, their log rows are
            // queued) before the request log is flushed and the store closed.
            .shutdownGracePeriod(config.ops().shutdownGrace())
            // Pages are tens of KB: without TCP_NODELAY, Nagle's algorithm holds the tail of a
            // response until the client's delayed ACK, adding ~40 ms on keep-alive connections.
            .connectionOptions(o -> o.tcpNoDelay(true))
            .routing(routing)
            .build();
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
    return start(config, clock, events -> Upstream.open(Providers.settings(config), clock, events));
  }

  /**
   * {@link #start(GatewayConfig, Clock)} over the given providers, in order, in place of those
   * {@code upstream.chain} names (each still behind its circuit breaker): for tests and embedding.
   */
  public static Gateway start(GatewayConfig config, Clock clock, List<UpstreamProvider> providers) {
    return start(
        config, clock, events -> Upstream.of(Providers.settings(config), providers, clock, events));
  }

  private static Gateway start(
      GatewayConfig config, Clock clock, Function<UpstreamEvents, Upstream> openUpstream) {
    GatewayMetrics metrics = new GatewayMetrics();
    // First, so that a chain that cannot work stops the start before the store is touched.
    Upstream upstream = openUpstream.apply(metrics.upstreamEvents());
    Database db;
    try {
      db = openStore(config);
    } catch (RuntimeException e) {
      upstream.close();
      throw e;
    }
    Gateway gateway;
    try {
      gateway = new Gateway(config, clock, metrics, upstream, db);
    } catch (RuntimeException e) {
      upstream.close();
      closeQuietly(db);
      throw e;
    }
    gateway.server.start();
    if (!gateway.server.isRunning()) {
      // Helidon logs the listener's failure and returns; the node must not run on without it.
      String reason = whyCannotListen(config.host(), config.port());
      gateway.close();
      throw new GatewayStartException(
          "cannot listen on " + hostAndPort(config.host(), config.port()) + ": " + reason);
    }
    gateway.started = true;
    log.info(
        "xhs-openapi listening on port {} (store {}, limits {}, upstream {})",
        gateway.port(),
        gateway.db.engine(),
        config.redisUrl() == null ? "local" : "redis",
        gateway.upstream.names());
    return gateway;
  }

  private static Database openStore(GatewayConfig config) {
    if (config.dbUrl() == null) {
      Path dir = config.dataDir();
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new GatewayStartException(
            "cannot open the store under --data " + dir + ": it is a file, not a folder");
      }
      try {
        return SqliteDatabase.open(dir);
      } catch (StoreException e) {
        throw new GatewayStartException(
            "cannot open the store under --data " + dir + ": " + rootCause(e), e);
      }
    }
    if (config.dbUrl().startsWith("jdbc:postgresql:")) {
      try {
        return PostgresDatabase.open(config.dbUrl(), config.dbPoolSize());
      } catch (StoreException e) {
        throw new GatewayStartException("cannot open the store: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        "--db must be a jdbc:postgresql:// URL (or left out for the embedded SQLite store)");
  }

  private static RateLimiter connectLimiter(GatewayConfig config, Clock clock) {
    if (config.redisUrl() == null) {
      return new LocalRateLimiter(clock);
    }
    try {
      return RedisRateLimiter.connect(config.redisUrl(), clock);
    } catch (RateLimiterUnavailableException e) {
      throw new GatewayStartException(e.getMessage(), e);
    }
  }

  /** The innermost cause's message (or its type when it has none): the words that say why. */
  private static String rootCause(Throwable t) {
    Throwable root = t;
    for (int depth = 0; root.getCause() != null && depth < 20; depth++) {
      root = root.getCause();
    }
    if (root instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (root instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + ": " + fs.getFile();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /**
   * Why {@code host:port} cannot be bound, found by trying it: Helidon reports a listener that did
   * not start only in its log, without the cause.
   */
  private static String whyCannotListen(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
      return "the HTTP server did not start (see the log above)";
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e instanceof BindException && reason.contains("in use")) {
        return "port "
            + port
            + " is already in use; stop what listens there or pick another --port";
      }
      return reason;
    }
  }

  private static String hostAndPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static void closeQuietly(Database db) {
    try {
      db.close();
    } catch (RuntimeException e) {
      log.warn("closing the store after a failed start failed", e);
    }
  }

  /**
   * The answer to an exception no route handled: the store's outage is 503 {@code
   * service_unavailable} (as on every surface), a refusal of the HTTP layer keeps its status, and
   * anything else is 500.
   */
  private static ApiError unhandled(ServerRequest req, Throwable t, RefusedRequests refused) {
    if (t instanceof ApiError e) {
      return e;
    }
    if (t instanceof StoreException) {
      log.error("store unavailable on {}", req.path().path(), t);
      return new ApiError(
          ErrorCode.SERVICE_UNAVAILABLE,
          "the gateway's store is unavailable; nothing was charged, retry later");
    }
    if (t instanceof HttpException http && http.status().code() < 500) {
      int status = http.status().code();
      if (status == 404) {
        return ApiError.notFound("there is no endpoint at " + req.path().path());
      }
      if (status == 405) {
        return new ApiError(
            ErrorCode.METHOD_NOT_ALLOWED,
            req.prologue().method().text() + " is not allowed on " + req.path().path());
      }
      return refused.errorFor(status, t.getMessage());
    }
    log.error("unhandled error on {}", req.path().path(), t);
    return new ApiError(ErrorCode.INTERNAL_ERROR, "the server failed on this request");
  }

  private void releaseAbandoned(long before) {
    try {
      int released = ledger.releaseOlderThan(before);
      if (released > 0) {
        log.warn("released {} credit reservation(s) abandoned by a crashed node", released);
      }
    } catch (RuntimeException e) {
      log.error("releasing abandoned credit reservations failed; will retry", e);
    }
  }

  private static void fallback(
      ServerRequest req, ServerResponse res, Responses responses, boolean adminEnabled) {
    String requestId = UUID.randomUUID().toString();
    res.header(Responses.REQUEST_ID, requestId);
    String path = req.path().path();
    ApiError error;
    if (KNOWN_PATHS.contains(path)) {
      error =
          new ApiError(
              ErrorCode.METHOD_NOT_ALLOWED,
              req.prologue().method().text() + " is not allowed on " + path + "; use GET");
    } else if (path.startsWith("/admin/") && !adminEnabled) {
      error =
          ApiError.notFound(
              "the admin API is off on this server; start it with --admin-token or"
                  + " XHS_OPENAPI_ADMIN_TOKEN");
    } else {
      error = ApiError.notFound("there is no endpoint at " + path);
    }
    responses.error(res, requestId, error);
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
    return accounts;
  }

  /** The key store (for the demo's set-up). */
  public KeyStore keys() {
    return keys;
  }

  /** The store (for checks). */
  public Database database() {
    return db;
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
    return ledger;
  }

  /**
   * Stops accepting connections, lets requests in flight finish (for up to {@code
   * shutdown.grace-s}), writes the queued request log rows and closes the store.
   */
  @Override
  public void close() {
    server.stop();
    sweeper.shutdownNow();
    upstreamExecutor.close();
    upstream.close();
    requestLog.close();
    if (limiter instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("closing the rate limiter failed", e);
      }
    }
    settlement.close();
    db.close();
    if (started) {
      log.info("xhs-openapi stopped");
    }
  }
}
