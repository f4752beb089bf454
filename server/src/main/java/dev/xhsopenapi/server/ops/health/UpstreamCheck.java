package dev.xhsopenapi.server.ops.health;

import dev.xhsopenapi.upstream.CircuitBreakingProvider;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.xhsapp.XhsAppProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * At least one provider of the chain can take calls: its circuit is not open and, for xhs-app, its
 * pool has a session that is not retired. One usable provider is enough, since the chain falls
 * through to it.
 */
final class UpstreamCheck implements Check {
  private final List<UpstreamProvider> providers;

  UpstreamCheck(List<UpstreamProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  @Override
  public String name() {
    return "upstream";
  }

  @Override
  public Result run() {
    boolean anyUp = false;
    List<Map<String, Object>> views = new ArrayList<>();
    for (UpstreamProvider p : providers) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("name", p.name());
      boolean up = true;
      if (p instanceof CircuitBreakingProvider breaker) {
        String circuit = breaker.state().toLowerCase(Locale.ROOT);
        view.put("circuit", circuit);
        up = !circuit.equals("open") && !circuit.equals("forced_open");
      }
      UpstreamProvider inner = p instanceof CircuitBreakingProvider c ? c.provider() : p;
      if (inner instanceof XhsAppProvider app) {
        int usable = app.sessions().usable();
        view.put("usable_sessions", usable);
        up &= usable > 0;
      }
      view.put("status", up ? "up" : "down");
      views.add(view);
      anyUp |= up;
    }
    return new Result(anyUp, Map.of("providers", views));
  }
}
