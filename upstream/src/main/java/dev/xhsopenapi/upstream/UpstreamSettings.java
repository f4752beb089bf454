package dev.xhsopenapi.upstream;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link Upstream#open} needs, as the operator writes it under {@code upstream:} in the
 * configuration (DESIGN §4): which sources to try in order, the time budget, the circuit breakers,
 * the named sources and each built-in provider's own settings. The settings of a source that is not
 * in the chain are not used.
 *
 * @param chain source names, tried in this order, each at most once: a name under {@code
 *     upstream.sources}, or {@code xhs-app}, {@code sim} or {@code relay} (the older settings
 *     blocks, used when no source of that name is declared)
 * @param budget the time one customer request may spend upstream, every source and retry together
 * @param breakerOpenFor how long a source's circuit stays open before trial calls go through
 * @param exhaustedOpenFor how long a source's circuit stays open once it says it is exhausted (its
 *     key refused, its balance or quota used up)
 * @param sources the named sources ({@code upstream.sources.<name>}), in any order
 * @param xhsApp the Xiaohongshu App provider's settings (sources of kind {@code xhs-app})
 * @param relay the older single SpiderHubs-compatible source ({@code relay}, of kind {@code
 *     spiderhubs})
 * @param sim the in-process simulator (sources of kind {@code sim})
 */
public record UpstreamSettings(
    List<String> chain,
    Duration budget,
    Duration breakerOpenFor,
    Duration exhaustedOpenFor,
    List<Source> sources,
    XhsApp xhsApp,
    Relay relay,
    Sim sim) {

  /** Copies the lists; every part but the chain's sources' settings is required. */
  public UpstreamSettings {
    chain = List.copyOf(chain);
    sources = List.copyOf(sources);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
    Objects.requireNonNull(exhaustedOpenFor, "exhaustedOpenFor");
  }

  /**
   * One named source, as written under {@code upstream.sources.<name>}. Its key is never printed:
   * {@link #toString()} leaves it out.
   *
   * @param name the source's name, used in {@code upstream.chain}, logs and metrics
   * @param kind {@code spiderhubs}, {@code tikhub}, {@code justoneapi}, {@code xhs-app} or {@code
   *     sim}
   * @param baseUrl the vendor's base URL (vendor kinds), or null for the vendor's default
   * @param key our API key or token there (vendor kinds), or null
   * @param cost what one billed call costs the operator, in any currency unit, e.g. {@code 0.001};
   *     reported, never billed to customers
   * @param timeout the longest wait for one answer
   * @param paths paths replacing the vendor's own, by operation id; usually empty
   */
  public record Source(
      String name,
      String kind,
      String baseUrl,
      String key,
      BigDecimal cost,
      Duration timeout,
      Map<String, String> paths) {

    /** Checks the required parts and copies the paths. */
    public Source {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(cost, "cost");
      Objects.requireNonNull(timeout, "timeout");
      if (cost.signum() < 0) {
        throw new IllegalArgumentException(
            "upstream.sources." + name + ".cost must be zero or more, got " + cost);
      }
      paths = Map.copyOf(paths);
    }

    @Override
    public String toString() {
      return "Source[name="
          + name
          + ", kind="
          + kind
          + ", baseUrl="
          + baseUrl
          + ", cost="
          + cost
          + ", timeout="
          + timeout
          + ", paths="
          + paths
          + "]";
    }
  }

  /**
   * The Xiaohongshu App API provider ({@code xhs-app}).
   *
   * @param baseUrl the App API host, e.g. {@code https://edith.xiaohongshu.com}
   * @param signerUrl the sign service that produces {@code shield}
   * @param sessionsFile a JSON list of the upstream sessions ({@code [{"id","sid","device_id",
   *     "fid","proxy"}]})
   * @param pace the least time between two calls of one session
   * @param paceJitter the extra random fraction of {@code pace} (0.25: up to +25 %)
   * @param timeout the longest wait for one App answer
   * @param attempts how many sessions one request may try (at least 1)
   * @param captchaCoolDown how long a session rests after a captcha
   * @param softBlockCoolDown how long a session rests after a soft block
   * @param rateLimitedCoolDown how long a session rests after a frequency limit
   * @param ipBlockedCoolDown how long a session rests after its address is blocked
   * @param userNotFoundCodes App {@code code}s that mean "no such user"
   */
  public record XhsApp(
      String baseUrl,
      String signerUrl,
      Path sessionsFile,
      Duration pace,
      double paceJitter,
      Duration timeout,
      int attempts,
      Duration captchaCoolDown,
      Duration softBlockCoolDown,
      Duration rateLimitedCoolDown,
      Duration ipBlockedCoolDown,
      List<Integer> userNotFoundCodes) {

    /** Copies the codes. */
    public XhsApp {
      userNotFoundCodes = List.copyOf(userNotFoundCodes);
    }
  }

  /**
   * Another SpiderHubs-compatible API ({@code relay}); its key is never printed.
   *
   * @param baseUrl the API's base URL, or null when not configured
   * @param apiKey our key there, or null when not configured
   * @param path the path of the notes endpoint there
   * @param timeout the longest wait for one answer
   */
  public record Relay(String baseUrl, String apiKey, String path, Duration timeout) {
    @Override
    public String toString() {
      return "Relay[baseUrl=" + baseUrl + ", path=" + path + ", timeout=" + timeout + "]";
    }
  }

  /**
   * The in-process simulator ({@code sim}).
   *
   * @param seed the seed of the generated dataset
   * @param dataset a dataset file to serve instead of the generated one, or null
   * @param latency how long each simulated call takes
   */
  public record Sim(long seed, Path dataset, Duration latency) {}
}
