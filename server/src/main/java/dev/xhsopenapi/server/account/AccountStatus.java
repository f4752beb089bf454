package dev.xhsopenapi.server.account;

import java.util.Locale;
import java.util.Optional;

/** Whether an account may call the API. */
public enum AccountStatus {
  /** Calls are served. */
  ACTIVE,
  /** Every call is refused with 403 {@code account_suspended}. */
  SUSPENDED;

  /** The lowercase name used in JSON and the store. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire name, if it is one. */
  public static Optional<AccountStatus> parse(String wire) {
    for (AccountStatus s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
