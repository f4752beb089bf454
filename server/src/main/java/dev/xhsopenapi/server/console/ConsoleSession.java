package dev.xhsopenapi.server.console;

import java.util.Locale;

/**
 * A console session as stored: only the hash of the cookie's value is kept.
 *
 * @param subject the user id of a customer, the admin token's fingerprint for an operator, null
 *     before sign-in
 * @param accountId the customer's account, else null
 * @param csrfToken the synchronizer token every form of this session must send back
 */
public record ConsoleSession(
    String sessionHash,
    Kind kind,
    String subject,
    String accountId,
    String csrfToken,
    long createdAtMs,
    long lastSeenAtMs) {

  /** Who a session belongs to. */
  public enum Kind {
    /** Not signed in yet: holds the CSRF token of the sign-in forms. */
    ANONYMOUS,
    /** A customer's user, who sees one account. */
    CUSTOMER,
    /** The operator, signed in with the admin token. */
    OPERATOR;

    /** The lower-case name kept in the store. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored name. */
    public static Kind parse(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }
}
