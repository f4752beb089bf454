package dev.xhsopenapi.server.auth;

import dev.xhsopenapi.server.account.AccountStatus;

/**
 * A key together with the state of its account: everything a request needs to be let in.
 *
 * @param keyRules the key's scopes, expiry and own limits
 * @param replacedBy the key that replaced it when it was rolled, or null
 * @param rateLimitPerMinute the account's limit
 * @param accountDailyCreditCap the account's credits per UTC day, or null for no cap
 * @param balance the account's balance in credits when the key was looked up
 */
public record KeyOwner(
    String keyId,
    String prefix,
    KeyStatus keyStatus,
    KeyRules keyRules,
    String replacedBy,
    String accountId,
    AccountStatus accountStatus,
    int rateLimitPerMinute,
    Long accountDailyCreditCap,
    long balance) {

  /** When the key stops working (epoch ms), or null for never. */
  public Long keyExpiresAtMs() {
    return keyRules.expiresAtMs();
  }
}
