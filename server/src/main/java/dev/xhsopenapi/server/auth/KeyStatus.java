package dev.xhsopenapi.server.auth;

import java.util.Locale;

/** The life of an API key. */
public enum KeyStatus {
  /** Usable. */
  ACTIVE,
  /** Revoked by the operator or the customer: refused with 401 for good. */
  REVOKED,
  /** Disabled (kept, but refused with 403 {@code key_disabled}). */
  DISABLED;

  /** The lowercase name used in JSON and the store. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the stored name. */
  public static KeyStatus parse(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
