package dev.xhsopenapi.server.http;

import dev.xhsopenapi.server.api.McpApi;
import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.upstream.Operation;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The paths of the public API, kept once: the fixed ones (each catalogue operation's and the
 * account endpoint's, which the request metrics label by their path) and the creator watch paths. A
 * request to one of them with another method is 405 {@code method_not_allowed} naming the methods
 * that are allowed (not 404).
 */
public final class KnownPaths {
  private static final Set<String> EXACT =
      Stream.concat(
              Operation.all().stream().map(Operation::path),
              Stream.of(PublicApi.ACCOUNT_PATH, PublicApi.USAGE_PATH))
          .collect(Collectors.toUnmodifiableSet());

  /** The watch paths (DESIGN §12), each with the methods it answers. */
  private static final Pattern WATCHES = Pattern.compile("/openapi/v1/watches/?");

  private static final Pattern WATCH = Pattern.compile("/openapi/v1/watches/[^/]+/?");
  private static final Pattern WATCH_POLL = Pattern.compile("/openapi/v1/watches/[^/]+/poll/?");
  private static final Pattern WATCH_EVENTS = Pattern.compile("/openapi/v1/watches/[^/]+/events/?");

  private KnownPaths() {}

  /** Whether {@code path} (a request's decoded path, without its query) is a known fixed path. */
  public static boolean contains(String path) {
    return EXACT.contains(path);
  }

  /**
   * The methods a known path answers, as an {@code Allow} header lists them ({@code "GET"}, {@code
   * "GET, DELETE"}); empty for a path the public API does not have.
   */
  public static Optional<String> allowed(String path) {
    if (EXACT.contains(path) || WATCH_EVENTS.matcher(path).matches()) {
      return Optional.of("GET");
    }
    if (WATCHES.matcher(path).matches()) {
      return Optional.of("GET, POST");
    }
    if (WATCH_POLL.matcher(path).matches() || path.equals(McpApi.PATH)) {
      return Optional.of("POST");
    }
    if (WATCH.matcher(path).matches()) {
      return Optional.of("GET, DELETE");
    }
    return Optional.empty();
  }
}
