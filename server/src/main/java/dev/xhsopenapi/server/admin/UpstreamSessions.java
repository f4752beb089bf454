package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.upstream.AppSessions;
import dev.xhsopenapi.upstream.SessionStatus;
import dev.xhsopenapi.upstream.SourceReport;
import dev.xhsopenapi.upstream.Upstream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The upstream chain as operators see it: each provider's circuit and the App provider's session
 * pool. Shared by the admin API and the console so both show the same health.
 */
public final class UpstreamSessions {
  private final Upstream upstream;
  private final Supplier<Map<String, Long>> savedByCache;

  /** Creates the view over the upstream's chain, without cache savings. */
  public UpstreamSessions(Upstream upstream) {
    this(upstream, Map::of);
  }

  /**
   * Creates the view over the upstream's chain.
   *
   * @param savedByCache the source calls the answer cache saved, by source name
   */
  public UpstreamSessions(Upstream upstream, Supplier<Map<String, Long>> savedByCache) {
    this.upstream = upstream;
    this.savedByCache = savedByCache;
  }

  /** {@code {"providers":[{name,circuit}], "sessions":[…]}}, as {@code GET …/sessions} shows. */
  public Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "providers",
        upstream.health().stream()
            .map(
                p -> {
                  Map<String, Object> view = new LinkedHashMap<>();
                  view.put("name", p.name());
                  view.put("circuit", p.circuit().wire());
                  return view;
                })
            .toList());
    out.put(
        "sessions",
        sessions()
            .map(s -> s.list().stream().map(UpstreamSessions::view).toList())
            .orElse(List.of()));
    return out;
  }

  /**
   * Each source of the chain since this node started, in chain order, as {@code GET
   * /admin/v1/upstream/sources} shows it (DESIGN §4): {@code [{"name","kind","state":
   * "closed|open|half_open","calls","ok","failures":{"<class>":n},"billed","spend","p50_ms",
   * "p99_ms","last_error","last_error_at","saved_by_cache"}]}; {@code spend} is a decimal number in
   * the unit of the source's {@code cost}; {@code saved_by_cache} counts the calls the answer cache
   * spared the source (its answers served again). Counts are this node's.
   */
  public List<Map<String, Object>> sources() {
    Map<String, Long> saved = savedByCache.get();
    return upstream.sources().stream()
        .map(
            r -> {
              Map<String, Object> view = view(r);
              view.put("saved_by_cache", saved.getOrDefault(r.name(), 0L));
              return view;
            })
        .toList();
  }

  private static Map<String, Object> view(SourceReport r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", r.name());
    out.put("kind", r.kind());
    out.put("state", r.circuit().wire());
    out.put("calls", r.calls());
    out.put("ok", r.ok());
    out.put("failures", r.failures());
    out.put("billed", r.billed());
    out.put("spend", r.spend());
    out.put("p50_ms", r.p50Ms());
    out.put("p99_ms", r.p99Ms());
    out.put("last_error", r.lastError());
    out.put("last_error_at", text(r.lastErrorAt()));
    return out;
  }

  /** The App provider's sessions, if the chain has that provider. */
  public Optional<AppSessions> sessions() {
    return upstream.sessions();
  }

  /**
   * One session as the admin API shows it: {@code {"id","sid_prefix","state","proxy","calls",
   * "successes","failures":{class: n},"cool_down_until","last_error","last_error_at"}}.
   */
  static Map<String, Object> view(SessionStatus s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("sid_prefix", s.sidPrefix());
    out.put("state", s.state().wire());
    out.put("proxy", s.proxy());
    out.put("calls", s.calls());
    out.put("successes", s.successes());
    out.put("failures", s.failures());
    out.put("cool_down_until", text(s.coolDownUntil()));
    out.put("last_error", s.lastError());
    out.put("last_error_at", text(s.lastErrorAt()));
    return out;
  }

  /** The App provider's sessions, or 404 when the chain has no such provider. */
  AppSessions requireSessions() {
    return sessions()
        .orElseThrow(
            () -> ApiError.notFound("the xhs-app provider is not in this server's upstream chain"));
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
