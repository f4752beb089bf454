package dev.xhsopenapi.upstream.vendor;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One commercial source as the operator configures it under {@code upstream.sources.<name>}. The
 * key is never printed: {@link #toString()} leaves it out.
 *
 * @param name the source's name in {@code upstream.chain}, e.g. {@code tikhub} or {@code backup}
 * @param kind which vendor's protocol it speaks
 * @param baseUrl the vendor's base URL, e.g. {@code https://api.tikhub.io}
 * @param key our API key there (a Bearer token, or JustOneAPI's {@code token} query parameter)
 * @param timeout the longest wait for one answer (bounded further by the request's deadline)
 * @param paths paths that replace the vendor's own, by operation id (e.g. the old {@code
 *     upstream.relay.path} for {@code xhs-get-user-notes}); usually empty
 */
public record VendorSettings(
    String name,
    VendorKind kind,
    URI baseUrl,
    String key,
    Duration timeout,
    Map<String, String> paths) {

  /** Checks that every part is there and copies the path overrides. */
  public VendorSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timeout, "timeout");
    paths = Map.copyOf(paths);
  }

  /** The settings without the key. */
  @Override
  public String toString() {
    return "VendorSettings[name="
        + name
        + ", kind="
        + kind.wire()
        + ", baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + ", paths="
        + paths
        + "]";
  }
}
