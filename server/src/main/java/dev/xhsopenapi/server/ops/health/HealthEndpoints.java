package dev.xhsopenapi.server.ops.health;

import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.http.RequestIds;
import dev.xhsopenapi.server.ratelimit.RateLimiter;
import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.upstream.Upstream;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health/live} (the process serves) and {@code GET /health/ready} (the store, the
 * shared rate limiter and the upstream chain can be relied on), for load balancers and
 * orchestrators. Neither needs a key, counts against a limit, or goes into the request log.
 */
public final class HealthEndpoints implements HttpService {
  /** The liveness path. */
  public static final String LIVE = "/health/live";

  /** The readiness path. */
  public static final String READY = "/health/ready";

  private static final Logger log = LoggerFactory.getLogger(HealthEndpoints.class);

  private final List<Check> checks;
  private final Responses responses;

  /** Creates the endpoints over what readiness depends on. */
  public HealthEndpoints(Database db, RateLimiter limiter, Upstream upstream, Responses responses) {
    this.checks =
        List.of(new StoreCheck(db), new RateLimiterCheck(limiter), new UpstreamCheck(upstream));
    this.responses = responses;
  }

  /** Registers {@link #LIVE} and {@link #READY}. */
  @Override
  public void routing(HttpRules rules) {
    rules.get(LIVE, this::live).get(READY, this::ready);
  }

  private void live(ServerRequest req, ServerResponse res) {
    start(res);
    responses.send(res, 200, Map.of("status", "up"));
  }

  private void ready(ServerRequest req, ServerResponse res) {
    // The checks' own log lines (a failing store, an unreachable Redis) carry this probe's id.
    String requestId = start(res);
    Map<String, Object> results = new LinkedHashMap<>();
    boolean up = true;
    for (Check check : checks) {
      Map<String, Object> result = new LinkedHashMap<>();
      try {
        Check.Result r = check.run();
        result.put("status", r.up() ? "up" : "down");
        result.putAll(r.details());
        up &= r.up();
      } catch (RuntimeException e) {
        log.warn("readiness check {} failed: {}", check.name(), e.toString());
        result.put("status", "down");
        result.put("error", e.getMessage());
        up = false;
      }
      results.put(check.name(), result);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "up" : "down");
    body.put("request_id", requestId);
    body.put("checks", results);
    responses.send(res, up ? 200 : 503, body);
  }

  private static String start(ServerResponse res) {
    res.header(HeaderValues.CACHE_NO_CACHE);
    return RequestIds.of(res);
  }
}
