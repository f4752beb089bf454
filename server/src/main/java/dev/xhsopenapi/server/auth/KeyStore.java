package dev.xhsopenapi.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where API keys are kept, by the hash of the key. */
public interface KeyStore {

  /**
   * Stores a new active key; keys stored from now on carry a checksum ({@link ApiKeys}).
   *
   * @param rules its scopes, expiry and own limits ({@link KeyRules#NONE} for none)
   */
  ApiKey create(
      String keyId, String accountId, String keyHash, String prefix, String name, KeyRules rules);

  /**
   * Replaces an active key by a new one in one step: the new key is stored as by {@link #create},
   * and the old one keeps working until {@code oldEndsAtMs} (or its own earlier expiry), then is
   * refused as replaced.
   *
   * @return the new key and the hash of the old one, or empty when the old key does not exist or is
   *     not active (nothing is stored then)
   */
  Optional<Rolled> roll(
      String oldKeyId,
      String keyId,
      String keyHash,
      String prefix,
      String name,
      KeyRules rules,
      long oldEndsAtMs);

  /** The key with this hash and its account's state, if the key exists (in any status). */
  Optional<KeyOwner> findByHash(String keyHash);

  /**
   * The hashes of the keys issued before keys carried a checksum, in any status: the only keys
   * whose checksum may fail and still be looked up. No key joins this set any more.
   */
  Set<String> uncheckedKeyHashes();

  /** The account's keys, oldest first. */
  List<ApiKey> listForAccount(String accountId);

  /** The key, if it exists. */
  Optional<ApiKey> find(String keyId);

  /**
   * Revokes the key.
   *
   * @return the key's hash when it existed (revoking twice is harmless), else empty
   */
  Optional<String> revoke(String keyId);

  /** Records when keys were last used (key id to epoch ms), keeping the later time. */
  void touch(Map<String, Long> lastUsedByKeyId);

  /** A key rolled over: the new key and the hash of the one it replaces. */
  record Rolled(ApiKey created, String oldKeyHash) {}
}
