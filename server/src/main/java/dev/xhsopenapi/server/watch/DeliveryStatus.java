package dev.xhsopenapi.server.watch;

import java.util.Locale;

/** Where the webhook delivery of an event stands. */
public enum DeliveryStatus {
  /** Not delivered yet; attempted again when due. */
  PENDING,
  /** A 2xx came back. */
  DELIVERED,
  /** No 2xx within the retry period; no more attempts. */
  FAILED,
  /** The watch has no URL: the event is only pulled. */
  NONE;

  /** The wire and store form: {@code pending}, {@code delivered}, {@code failed}, {@code none}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status of a wire form.
   *
   * @throws IllegalArgumentException for any other string
   */
  public static DeliveryStatus of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
