package dev.xhsopenapi.upstream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link Upstream#open} needs, as the operator writes it under {@code upstream:} in the
 * configuration: which providers to try in order, the time budget, the circuit breakers, and each
 * provider's own settings. The settings of a provider that is not in the chain are not used.
 *
 * @param chain provider names ({@code xhs-app}, {@code relay}, {@code sim}), tried in this order;
 *     each at most once
 * @param budget the time one customer request may spend upstream, every provider and retry together
 * @param breakerOpenFor how long a provider's circuit stays open before trial calls go through
 * @param xhsApp the Xiaohongshu App provider ({@code xhs-app})
 * @param relay another compatible API ({@code relay})
 * @param sim the in-process simulator ({@code sim})
 */
public record UpstreamSettings(
    List<String> chain,
    Duration budget,
    Duration breakerOpenFor,
    XhsApp xhsApp,
    Relay relay,
    Sim sim) {

  /** Copies the chain; every part but the chain's providers' settings is required. */
  public UpstreamSettings {
    chain = List.copyOf(chain);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
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
