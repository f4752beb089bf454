package dev.xhsopenapi.server.http;

import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.upstream.Operation;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fixed paths of the public API (each catalogue operation's and the account endpoint's), kept
 * once: a request to one of them with another method is 405 {@code method_not_allowed} (not 404),
 * and the request metrics label them by their path.
 */
public final class KnownPaths {
  private static final Set<String> EXACT =
      Stream.concat(
              Operation.all().stream().map(Operation::path), Stream.of(PublicApi.ACCOUNT_PATH))
          .collect(Collectors.toUnmodifiableSet());

  private KnownPaths() {}

  /** Whether {@code path} (a request's decoded path, without its query) is a known fixed path. */
  public static boolean contains(String path) {
    return EXACT.contains(path);
  }
}
