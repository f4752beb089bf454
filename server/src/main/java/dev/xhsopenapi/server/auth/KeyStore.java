package dev.xhsopenapi.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where API keys are kept, by the hash of the key. */
public interface KeyStore {

  /** Stores a new active key; {@code expiresAtMs} null means it never expires. */
  ApiKey create(
      String keyId, String accountId, String keyHash, String prefix, String name, Long expiresAtMs);

  /** The key with this hash and its account's state, if the key exists (in any status). */
  Optional<KeyOwner> findByHash(String keyHash);

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
}
