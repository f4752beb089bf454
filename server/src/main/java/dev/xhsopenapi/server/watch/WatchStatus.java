package dev.xhsopenapi.server.watch;

import java.util.Locale;

/** Whether a watch is polled. */
public enum WatchStatus {
  /** Polled at its interval. */
  ACTIVE,
  /** Not polled: it failed too many times in a row; a "poll now" makes it active again. */
  PAUSED;

  /** The wire and store form: {@code active}, {@code paused}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status of a wire form.
   *
   * @throws IllegalArgumentException for any other string
   */
  public static WatchStatus of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
