package dev.xhsopenapi.server.auth;

/**
 * Who is calling, once authenticated: the key (by id and shown prefix) and its account, with the
 * limits that apply to the call.
 *
 * @param keyId the key's id, or null for calls the gateway makes for the account (watch polls)
 * @param rateLimitPerMinute the account's limit
 * @param keyRules the key's scopes and own limits ({@link KeyRules#NONE} without a key)
 * @param accountDailyCreditCap the account's credits per UTC day, or null for no cap
 * @param balanceSeen the account's balance in credits when it was last read with the key (up to a
 *     second ago): a hint of whether a call is likely covered, never what a charge is decided on
 */
public record Caller(
    String keyId,
    String keyPrefix,
    String accountId,
    int rateLimitPerMinute,
    KeyRules keyRules,
    Long accountDailyCreditCap,
    long balanceSeen) {

  /** Whether the key may use {@code scope} (an operation id, {@code mcp} or {@code watches}). */
  public boolean allows(String scope) {
    return keyRules.allows(scope);
  }
}
