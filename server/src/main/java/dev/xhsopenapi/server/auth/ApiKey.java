package dev.xhsopenapi.server.auth;

/**
 * What the store knows of an API key: never the key itself, only its hash and prefix.
 *
 * @param rules its scopes, expiry and limits
 * @param replacedBy the id of the key that replaced it when it was rolled, or null
 */
public record ApiKey(
    String keyId,
    String accountId,
    String prefix,
    String name,
    KeyStatus status,
    long createdAtMs,
    Long lastUsedAtMs,
    KeyRules rules,
    String replacedBy) {

  /** When the key stops working (epoch ms), or null for never. */
  public Long expiresAtMs() {
    return rules.expiresAtMs();
  }
}
