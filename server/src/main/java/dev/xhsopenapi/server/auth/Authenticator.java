package dev.xhsopenapi.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@code Authorization} header into a {@link Caller}, or refuses with 401/403.
 *
 * <p>A key whose checksum fails ({@link ApiKeys}) is refused without a store lookup, unless it is
 * one of the keys issued before keys had a checksum: the hashes of those are read once, when the
 * authenticator is made ({@link KeyStore#uncheckedKeyHashes}). That set is complete for good, since
 * every key issued since carries a checksum, so a node needs no refresh of it; and it holds hashes
 * only, like the store. A mistyped new key thus costs no query, while every older key still works.
 *
 * <p>Lookups are cached for less than a second: a revoked key, a suspended account or a new limit
 * is seen by every node within a second without any messaging between nodes, and this node drops
 * its entries at once when the change is made through it.
 */
public final class Authenticator {
  /** How long a lookup is trusted; the contract is "within 1 s on every node". */
  static final Duration CACHE_TTL = Duration.ofMillis(900);

  private final KeyStore keys;
  private final Clock clock;
  private final Cache<String, Optional<KeyOwner>> byHash;
  private final Set<String> unchecked;

  /** Creates an authenticator over the key store, reading which keys have no checksum. */
  public Authenticator(KeyStore keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
    this.unchecked = Set.copyOf(keys.uncheckedKeyHashes());
    this.byHash =
        Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(100_000)
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
  }

  /**
   * Authenticates a request by its {@code Authorization} header value (null when absent).
   *
   * @throws ApiError 401 {@code invalid_api_key} (no key, a malformed one, a failing checksum, an
   *     unknown, revoked or rolled-over key), 403 {@code key_disabled} (disabled or expired) or 403
   *     {@code account_suspended}
   */
  public Caller authenticate(String authorization) {
    String key = bearerToken(authorization);
    String hash = ApiKeys.hash(key);
    if (!ApiKeys.checksumValid(key) && !unchecked.contains(hash)) {
      throw invalid(
          "API key "
              + ApiKeys.prefix(key)
              + "… fails its checksum, so it was mistyped or cut short; copy the whole key again"
              + " from where it was first shown");
    }
    KeyOwner owner =
        byHash
            .get(hash, keys::findByHash)
            .orElseThrow(
                () ->
                    invalid(
                        "unknown API key "
                            + ApiKeys.prefix(key)
                            + "…; create one in the account center and send it as"
                            + " 'Authorization: Bearer sk_live_…'"));
    if (owner.keyStatus() == KeyStatus.REVOKED) {
      throw invalid("API key " + owner.prefix() + "… was revoked; use another key");
    }
    if (owner.keyStatus() == KeyStatus.DISABLED) {
      throw new ApiError(
          ErrorCode.KEY_DISABLED, "API key " + owner.prefix() + "… is disabled; use another key");
    }
    if (owner.keyExpiresAtMs() != null && owner.keyExpiresAtMs() <= clock.millis()) {
      if (owner.replacedBy() != null) {
        // A rolled key's overlap has ended: it is gone for good, like a revoked one.
        throw invalid(
            "API key "
                + owner.prefix()
                + "… was rolled and replaced by key "
                + owner.replacedBy()
                + ", and stopped working at "
                + Instant.ofEpochMilli(owner.keyExpiresAtMs())
                + "; use the new key");
      }
      throw new ApiError(
          ErrorCode.KEY_DISABLED,
          "API key "
              + owner.prefix()
              + "… expired at "
              + Instant.ofEpochMilli(owner.keyExpiresAtMs())
              + "; create a new one");
    }
    if (owner.accountStatus() == AccountStatus.SUSPENDED) {
      throw new ApiError(
          ErrorCode.ACCOUNT_SUSPENDED,
          "account " + owner.accountId() + " is suspended; contact the operator");
    }
    return new Caller(
        owner.keyId(),
        owner.prefix(),
        owner.accountId(),
        owner.rateLimitPerMinute(),
        owner.keyRules(),
        owner.accountDailyCreditCap(),
        owner.balance());
  }

  /** Forgets a key at once (after it was revoked through this node). */
  public void forgetKey(String keyHash) {
    byHash.invalidate(keyHash);
  }

  /** Forgets every cached key (after an account's status or limit changed on this node). */
  public void forgetAll() {
    byHash.invalidateAll();
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw invalid(
          "missing Authorization header; send 'Authorization: Bearer sk_live_…' with your API"
              + " key");
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
      throw invalid("the Authorization header must be 'Bearer sk_live_…'");
    }
    String token = value.substring(space + 1).strip();
    if (!ApiKeys.wellFormed(token)) {
      throw invalid("malformed API key: expected 'sk_live_' followed by 32 letters and digits");
    }
    return token;
  }

  private static ApiError invalid(String message) {
    return new ApiError(ErrorCode.INVALID_API_KEY, message);
  }
}
