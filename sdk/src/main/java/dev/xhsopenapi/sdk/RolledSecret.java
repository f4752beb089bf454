package dev.xhsopenapi.sdk;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@link Watches#rollSecret}: the watch's new webhook signing secret, which the
 * gateway shows this once, and until when deliveries are also signed with the secret it replaced.
 * {@link #toString()} leaves the secret out, so that logging the answer does not leak it.
 *
 * @param watchId the watch
 * @param secret the new key of the HMAC that signs the watch's webhooks, such as {@code whsec_…}
 * @param oldSecretExpiresAt until when each delivery carries a second {@code v1} signature made
 *     with the replaced secret; empty when only the new secret signs
 */
public record RolledSecret(String watchId, String secret, Optional<Instant> oldSecretExpiresAt) {
  /** Checks that no part is null. */
  public RolledSecret {
    Objects.requireNonNull(watchId, "watchId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(oldSecretExpiresAt, "oldSecretExpiresAt");
  }

  @Override
  public String toString() {
    return "RolledSecret[watchId="
        + watchId
        + ", secret hidden, oldSecretExpiresAt="
        + oldSecretExpiresAt.map(Instant::toString).orElse("none")
        + "]";
  }
}
