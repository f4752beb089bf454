package dev.xhsopenapi.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.store.JdbcAccountStore;
import dev.xhsopenapi.server.store.JdbcKeyStore;
import dev.xhsopenapi.server.store.SqliteDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys that can be checked offline (DESIGN §14): the checksum, and keys issued before it. */
class AuthenticatorChecksumTest {
  @TempDir Path dir;
  private final RandomIds ids = new RandomIds();

  @Test
  void generatedKeys_carryTheirChecksum_andEverySingleCharacterChangeBreaksIt() {
    for (int n = 0; n < 50; n++) {
      String key = ApiKeys.generate(ids);
      assertThat(ApiKeys.wellFormed(key)).isTrue();
      assertThat(ApiKeys.checksumValid(key)).isTrue();
      char[] chars = key.toCharArray();
      int at = ApiKeys.PREFIX.length() + n % 32;
      chars[at] = chars[at] == 'a' ? 'b' : 'a';
      assertThat(ApiKeys.checksumValid(new String(chars))).isFalse();
    }
  }

  @Test
  void checksum_isTheBase62CrcOfTheRandomPart_zeroPadded() {
    // CRC-32 of 26 'A's is 0x0F651227 = 258282023, which is "HTix5" in base62: padded, "0HTix5".
    assertThat(ApiKeys.checksum("A".repeat(26))).isEqualTo("0HTix5");
  }

  @Test
  void mistypedNewKey_isRefusedWithoutAStoreQuery_whileAnOldKeyStillWorks() {
    try (SqliteDatabase db = SqliteDatabase.open(dir)) {
      Clock clock = Clock.systemUTC();
      Account account =
          new JdbcAccountStore(db, clock, ids).create("a", 10, 300, UUID.randomUUID().toString());
      JdbcKeyStore store = new JdbcKeyStore(db, clock);
      String fresh = ApiKeys.generate(ids);
      store.create(
          ids.keyId(),
          account.accountId(),
          ApiKeys.hash(fresh),
          ApiKeys.prefix(fresh),
          "new",
          KeyRules.NONE);
      // A key as issued before keys had a checksum: 32 random characters, row marked unchecked.
      String old = ApiKeys.PREFIX + ids.base62(32);
      db.transaction(
          "an old key",
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO api_keys (key_id, account_id, key_hash, prefix, name, status,"
                        + " created_at) VALUES (?, ?, ?, ?, 'old', 'active', 0)")) {
              s.setString(1, ids.keyId());
              s.setString(2, account.accountId());
              s.setString(3, ApiKeys.hash(old));
              s.setString(4, ApiKeys.prefix(old));
              s.executeUpdate();
            }
            return null;
          });
      CountingKeyStore counting = new CountingKeyStore(store);
      Authenticator auth = new Authenticator(counting, clock);

      char[] typo = fresh.toCharArray();
      typo[20] = typo[20] == 'x' ? 'y' : 'x';
      assertThatThrownBy(() -> auth.authenticate("Bearer " + new String(typo)))
          .isInstanceOfSatisfying(
              ApiError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_API_KEY))
          .hasMessageContaining("checksum");
      assertThat(counting.lookups.get()).isZero();

      assertThat(auth.authenticate("Bearer " + old).accountId()).isEqualTo(account.accountId());
      assertThat(auth.authenticate("Bearer " + fresh).accountId()).isEqualTo(account.accountId());
      assertThat(counting.lookups.get()).isEqualTo(2);
    }
  }

  /** A key store that counts its lookups by hash. */
  private static final class CountingKeyStore implements KeyStore {
    final AtomicInteger lookups = new AtomicInteger();
    private final KeyStore store;

    CountingKeyStore(KeyStore store) {
      this.store = store;
    }

    @Override
    public ApiKey create(
        String keyId,
        String accountId,
        String keyHash,
        String prefix,
        String name,
        KeyRules rules) {
      return store.create(keyId, accountId, keyHash, prefix, name, rules);
    }

    @Override
    public Optional<Rolled> roll(
        String oldKeyId,
        String keyId,
        String keyHash,
        String prefix,
        String name,
        KeyRules rules,
        long oldEndsAtMs) {
      return store.roll(oldKeyId, keyId, keyHash, prefix, name, rules, oldEndsAtMs);
    }

    @Override
    public Optional<KeyOwner> findByHash(String keyHash) {
      lookups.incrementAndGet();
      return store.findByHash(keyHash);
    }

    @Override
    public Set<String> uncheckedKeyHashes() {
      return store.uncheckedKeyHashes();
    }

    @Override
    public List<ApiKey> listForAccount(String accountId) {
      return store.listForAccount(accountId);
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
      return store.find(keyId);
    }

    @Override
    public Optional<String> revoke(String keyId) {
      return store.revoke(keyId);
    }

    @Override
    public void touch(Map<String, Long> lastUsedByKeyId) {
      store.touch(lastUsedByKeyId);
    }
  }
}
