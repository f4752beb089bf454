package dev.xhsopenapi.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The shape of API keys: {@code sk_live_} + 32 base62 characters, of which the first 26 come from a
 * CSPRNG (about 155 bits) and the last 6 are their checksum, as GitHub's tokens have.
 *
 * <p>The checksum is the CRC-32 of the 26 random characters (as ASCII), written in base62 with the
 * alphabet {@code 0-9A-Za-z}, most significant digit first, left-padded with {@code 0} to 6
 * characters (62^6 &gt; 2^32, so every CRC fits). A mistyped or truncated key therefore fails the
 * checksum (a single wrong character always does), which lets the gateway refuse it without asking
 * the store, and lets secret scanners tell our keys from random strings.
 *
 * <p>Keys issued before the checksum have 32 random characters: theirs fails too (but for one in
 * about 4 billion), so the store marks every key as checksummed or not and {@link Authenticator}
 * looks a failing key up only when it is one of the older keys.
 *
 * <p>Keys are stored as their SHA-256; with that much entropy a fast hash is as safe as a slow one,
 * and lookups by hash leak nothing useful through timing.
 */
public final class ApiKeys {
  /** Every key starts with this. */
  public static final String PREFIX = "sk_live_";

  /** How many characters of a key are shown in lists and logs. */
  public static final int SHOWN_PREFIX_LENGTH = 12;

  /** How many random characters a key has before its checksum. */
  static final int RANDOM_LENGTH = 26;

  /** How many characters the checksum takes at the end of a key. */
  static final int CHECKSUM_LENGTH = 6;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern SHAPE = Pattern.compile("sk_live_[0-9A-Za-z]{32}");

  private ApiKeys() {}

  /** A fresh key: 26 random base62 characters and their checksum. */
  public static String generate(RandomIds ids) {
    String random = ids.base62(RANDOM_LENGTH);
    return PREFIX + random + checksum(random);
  }

  /** Whether {@code candidate} has the shape of a key (it may still be unknown). */
  public static boolean wellFormed(String candidate) {
    return SHAPE.matcher(candidate).matches();
  }

  /**
   * Whether a well-formed key's last 6 characters are the checksum of the 26 before them; false for
   * a mistyped key and for nearly every key issued before keys had a checksum.
   */
  public static boolean checksumValid(String key) {
    int start = PREFIX.length();
    String random = key.substring(start, start + RANDOM_LENGTH);
    return key.substring(start + RANDOM_LENGTH).equals(checksum(random));
  }

  /** The 6-character checksum of the 26 random characters of a key (see the class comment). */
  static String checksum(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }

  /** The part of a key that may be shown and logged. */
  public static String prefix(String key) {
    return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
  }

  /** The hex SHA-256 of a key, as stored. */
  public static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
