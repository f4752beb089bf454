package dev.xhsopenapi.sdk;

import java.util.Objects;

/**
 * The answer to {@link Watches#create(NewWatch)}: the new watch and the secret that signs its
 * webhooks. The gateway shows the secret this once and never again: keep it where the webhook
 * receiver can read it, and pass it to {@link Webhooks#verify}. {@link #toString()} leaves it out,
 * so that logging the answer does not leak it.
 */
public final class CreatedWatch {
  private final Watch watch;
  private final String secret;

  CreatedWatch(Watch watch, String secret) {
    this.watch = Objects.requireNonNull(watch, "watch");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * The watch as created.
   *
   * @return the watch
   */
  public Watch watch() {
    return watch;
  }

  /**
   * The key of the HMAC that signs every webhook of the watch.
   *
   * @return such as {@code whsec_…}
   */
  public String secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "CreatedWatch[" + watch + ", secret hidden]";
  }
}
