package dev.xhsopenapi.server.auth;

import java.security.SecureRandom;

/** Unguessable identifiers in base62, from a CSPRNG: API keys, key ids, account ids. */
public final class RandomIds {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SecureRandom random;

  /** Creates a generator over the platform's strong random source. */
  public RandomIds() {
    this(new SecureRandom());
  }

  /** Creates a generator over the given random source. */
  public RandomIds(SecureRandom random) {
    this.random = random;
  }

  /** {@code length} base62 characters, each drawn without modulo bias. */
  public String base62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; ) {
      // 62 * 4 = 248: rejecting bytes >= 248 keeps every character equally likely.
      int b = random.nextInt(256);
      if (b < 248) {
        out[i++] = BASE62[b % 62];
      }
    }
    return new String(out);
  }

  /** A new account id ({@code acc_} + 16 base62). */
  public String accountId() {
    return "acc_" + base62(16);
  }

  /** A new key id ({@code key_} + 16 base62). */
  public String keyId() {
    return "key_" + base62(16);
  }
}
