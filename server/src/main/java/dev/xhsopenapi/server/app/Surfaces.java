package dev.xhsopenapi.server.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.admin.AdminApi;
import dev.xhsopenapi.server.admin.AdminToken;
import dev.xhsopenapi.server.admin.UpstreamSessions;
import dev.xhsopenapi.server.api.ApiRequests;
import dev.xhsopenapi.server.api.DataCalls;
import dev.xhsopenapi.server.api.McpApi;
import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.api.WatchesApi;
import dev.xhsopenapi.server.auth.Authenticator;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.Prices;
import dev.xhsopenapi.server.cache.AnswerCache;
import dev.xhsopenapi.server.cache.SharedAnswers;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.console.Console;
import dev.xhsopenapi.server.docs.ApiDocs;
import dev.xhsopenapi.server.http.HttpPipeline;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.server.ops.health.HealthEndpoints;
import dev.xhsopenapi.server.ops.metrics.GatewayMetrics;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.server.watch.WatchWorker;
import dev.xhsopenapi.server.watch.Watches;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Upstream;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The node's HTTP surfaces over its stores and limiter: the {@link Platform} they share, then the
 * services (metrics, health, docs, public API, admin API when an admin token is set, console) in
 * routing order, behind one {@link HttpPipeline}.
 */
final class Surfaces {
  private final GatewayConfig config;
  private final Clock clock;
  private final Stores stores;
  private final RateLimiter limiter;
  private final Authenticator authenticator;
  private final HttpPipeline pipeline;
  private final Platform platform;
  private WatchWorker worker;

  /** Builds the shared platform over {@code stores}. */
  Surfaces(GatewayConfig config, Clock clock, Stores stores, RateLimiter limiter) {
    this.clock = clock;
    this.config = config;
    this.stores = stores;
    this.limiter = limiter;
    ObjectMapper json = new ObjectMapper();
    Responses responses = new Responses(json);
    this.pipeline = new HttpPipeline(responses, config.maxBodyBytes());
    this.authenticator = new Authenticator(stores.keys(), clock);
    RandomIds ids = new RandomIds();
    AccountActions actions =
        new AccountActions(
            stores.accounts(), stores.keys(), stores.ledger(), authenticator, ids, clock);
    Usage usage = new Usage(stores.ledger(), stores.requestLogStore(), stores.requestLog(), clock);
    this.platform =
        new Platform(
            clock,
            json,
            responses,
            pipeline.errors(),
            ids,
            stores.accounts(),
            stores.keys(),
            stores.ledger(),
            actions,
            usage,
            stores.requestLog(),
            stores.requestLogStore());
  }

  /**
   * The node's creator watch worker (not started), once {@link #server} has built it: it polls
   * through the same data path as the public API.
   */
  WatchWorker watchWorker() {
    return worker;
  }

  /** A name for this node in the leases it takes: host (when known), process id, random part. */
  private static String nodeName(RandomIds ids) {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    return host + "-" + ProcessHandle.current().pid() + "-" + ids.base62(6);
  }

  /** What the surfaces share (the demo's set-up uses its account actions). */
  Platform platform() {
    return platform;
  }

  /**
   * The server (not started) with every surface registered.
   *
   * @param upstream the upstream: its chain behind the answer cache, its sessions for the
   *     operator's endpoints and pages, its providers for readiness and metrics
   * @param calls where upstream fetches run, apart from the requests that wait for them
   * @param metrics the node's meters, served at {@code /metrics} and timing every request
   * @param shared the answers the cluster's nodes share behind this node's cache, or null
   */
  WebServer server(
      Upstream upstream, ExecutorService calls, GatewayMetrics metrics, SharedAnswers shared) {
    GatewayConfig.Upstream cache = config.upstream();
    AnswerCache answers =
        new AnswerCache(
            upstream.chain(),
            clock,
            cache.cacheTtl(),
            cache.cacheTtlByOperation(),
            cache.cacheStale(),
            cache.cacheMaxBytes(),
            calls,
            shared);
    if (shared != null) {
      metrics.watch(shared);
    }
    UpstreamSessions sessions = new UpstreamSessions(upstream, answers::savedCalls);
    ApiRequests requests =
        new ApiRequests(
            authenticator,
            limiter,
            stores.requestLog(),
            platform.responses(),
            platform.errors(),
            clock);
    DataCalls dataCalls =
        new DataCalls(
            requests,
            platform.ledger(),
            new Prices(config.prices()),
            answers,
            stores.requestLog(),
            clock,
            config.upstreamSettings().budget(),
            // The ledger stored the account.low_balance delivery with the charge that crossed;
            // waking the worker sends it now rather than at its next tick.
            (accountId, balance) -> worker.wake());
    this.worker =
        new WatchWorker(
            nodeName(platform.ids()),
            dataCalls,
            stores.accounts(),
            stores.watches(),
            config.watches(),
            platform.ids(),
            platform.json(),
            clock,
            metrics.watches(stores.watches(), clock));
    metrics.watch(upstream);
    Optional<AdminToken> adminToken = Optional.ofNullable(config.adminToken()).map(AdminToken::new);
    // One service for the public API and the console: both validate and change watches alike.
    Watches watches = new Watches(stores.watches(), config.watches(), platform.ids(), clock);
    Console console =
        new Console(
            platform,
            stores.console(),
            sessions,
            adminToken,
            config.console().secureCookies(),
            new Console.WatchAccess(stores.watches(), watches, config.watches(), worker::wake));
    List<HttpService> services = new ArrayList<>();
    services.add(metrics);
    services.add(new HealthEndpoints(stores.database(), limiter, upstream, platform.responses()));
    services.add(new ApiDocs(platform.json(), platform.responses()));
    services.add(new PublicApi(platform, requests, dataCalls, Operation.all()));
    services.add(
        new McpApi(
            platform,
            requests,
            dataCalls,
            Operation.all(),
            Optional.ofNullable(Surfaces.class.getPackage().getImplementationVersion())
                .orElse("dev")));
    services.add(
        new WatchesApi(requests, watches, platform.responses(), platform.json(), worker::wake));
    adminToken.ifPresent(
        token ->
            services.add(
                new AdminApi(
                    platform,
                    stores.watches(),
                    token,
                    console.invites(),
                    config.defaultRateLimit(),
                    sessions,
                    upstream.simulatedCreators(),
                    userId -> answers.forget(request -> userId.equals(request.subjectId())))));
    services.add(console);
    return pipeline.server(
        config, List.of(metrics.requestMeter()), services, adminToken.isPresent());
  }
}
