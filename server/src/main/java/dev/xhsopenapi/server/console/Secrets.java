package dev.xhsopenapi.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the console keeps and compares its random tokens (session ids, link tokens, CSRF tokens).
 * They carry about 256 bits from a CSPRNG, so a plain SHA-256 is as safe to store as a slow hash.
 */
final class Secrets {
  /** Base62 characters in a token: 43 × log2(62) ≈ 256 bits. */
  static final int TOKEN_LENGTH = 43;

  private Secrets() {}

  /** The hex SHA-256 of a token, as stored. */
  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Whether two tokens are equal, in time independent of where they differ; null never is. */
  static boolean same(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
