package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.upstream.CircuitBreakingProvider;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.xhsapp.SessionPool;
import dev.xhsopenapi.upstream.xhsapp.XhsAppProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream chain as operators see it: each provider's circuit and the App provider's session
 * pool. Shared by the admin API and the console so both show the same health.
 */
public final class UpstreamSessions {
  private final List<UpstreamProvider> providers;

  /** Creates the view over the chain, in order. */
  public UpstreamSessions(List<UpstreamProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** {@code {"providers":[{name,circuit}], "sessions":[…]}}, as {@code GET …/sessions} shows. */
  public Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "providers",
        providers.stream()
            .map(
                p -> {
                  Map<String, Object> view = new LinkedHashMap<>();
                  view.put("name", p.name());
                  view.put(
                      "circuit",
                      p instanceof CircuitBreakingProvider c
                          ? c.state().toLowerCase(Locale.ROOT)
                          : null);
                  return view;
                })
            .toList());
    out.put("sessions", pool().map(SessionPool::view).orElse(List.of()));
    return out;
  }

  /** The App provider's session pool, if the chain has that provider. */
  public Optional<SessionPool> pool() {
    return providers.stream()
        .map(p -> p instanceof CircuitBreakingProvider c ? c.provider() : p)
        .filter(XhsAppProvider.class::isInstance)
        .map(p -> ((XhsAppProvider) p).sessions())
        .findFirst();
  }

  /** The App provider's session pool, or 404 when the chain has no such provider. */
  SessionPool requirePool() {
    return pool()
        .orElseThrow(
            () -> ApiError.notFound("the xhs-app provider is not in this server's upstream chain"));
  }
}
