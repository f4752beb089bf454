package dev.xhsopenapi.server.auth;

import java.util.List;

/**
 * What an API key may do, inside what its account may: the endpoints it may call, when it stops
 * working, and its own limits. Null components mean "no rule of the key's own".
 *
 * @param scopes the operation ids (e.g. {@code xhs-get-user-notes}) and the surfaces {@link #MCP}
 *     and {@link #WATCHES} the key may use, in the order given; null allows everything
 * @param expiresAtMs when the key stops working (epoch ms), or null for never
 * @param rateLimitPerMinute the key's own calls per rolling minute, enforced together with its
 *     account's (the tighter wins), or null
 * @param dailyCreditCap the credits the key may spend per UTC day, or null
 */
public record KeyRules(
    List<String> scopes, Long expiresAtMs, Integer rateLimitPerMinute, Long dailyCreditCap) {
  /** The scope that lets a key call {@code /mcp}. */
  public static final String MCP = "mcp";

  /** The scope that lets a key manage creator watches ({@code /openapi/v1/watches…}). */
  public static final String WATCHES = "watches";

  /** A key without rules of its own: every endpoint, no expiry, only the account's limits. */
  public static final KeyRules NONE = new KeyRules(null, null, null, null);

  /** Copies the scopes so that the rules stay immutable. */
  public KeyRules {
    scopes = scopes == null ? null : List.copyOf(scopes);
  }

  /** Whether the key may use {@code scope} (an operation id, {@link #MCP} or {@link #WATCHES}). */
  public boolean allows(String scope) {
    return scopes == null || scopes.contains(scope);
  }

  /** These rules with another expiry. */
  public KeyRules expiringAt(Long epochMs) {
    return new KeyRules(scopes, epochMs, rateLimitPerMinute, dailyCreditCap);
  }
}
