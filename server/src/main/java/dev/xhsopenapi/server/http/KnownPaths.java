package dev.xhsopenapi.server.http;

import dev.xhsopenapi.server.api.PublicApi;
import java.util.Set;

/**
 * The fixed paths of the public API, kept once: a request to one of them with another method is 405
 * {@code method_not_allowed} (not 404), and the request metrics label them by their path.
 */
public final class KnownPaths {
  private static final Set<String> EXACT = Set.of(PublicApi.NOTES_PATH, PublicApi.ACCOUNT_PATH);

  private KnownPaths() {}

  /** Whether {@code path} (a request's decoded path, without its query) is a known fixed path. */
  public static boolean contains(String path) {
    return EXACT.contains(path);
  }
}
