package dev.xhsopenapi.server.ops.health;

import dev.xhsopenapi.upstream.ProviderHealth;
import dev.xhsopenapi.upstream.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At least one provider of the chain can take calls: its circuit is not open and, for xhs-app, its
 * pool has a session that is not retired. One usable provider is enough, since the chain falls
 * through to it.
 */
final class UpstreamCheck implements Check {
  private final Upstream upstream;

  UpstreamCheck(Upstream upstream) {
    this.upstream = upstream;
  }

  @Override
  public String name() {
    return "upstream";
  }

  @Override
  public Result run() {
    boolean anyUp = false;
    List<Map<String, Object>> views = new ArrayList<>();
    for (ProviderHealth p : upstream.health()) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("name", p.name());
      view.put("circuit", p.circuit().wire());
      if (p.sessions() != null) {
        view.put("usable_sessions", p.sessions().usable());
      }
      view.put("status", p.up() ? "up" : "down");
      views.add(view);
      anyUp |= p.up();
    }
    return new Result(anyUp, Map.of("providers", views));
  }
}
