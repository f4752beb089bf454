package dev.xhsopenapi.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape of API keys: {@code sk_live_} + 32 base62 characters (about 190 bits from a CSPRNG).
 * Keys are stored as their SHA-256; with that much entropy a fast hash is as safe as a slow one,
 * and lookups by hash leak nothing useful through timing.
 */
public final class ApiKeys {
  /** Every key starts with this. */
  public static final String PREFIX = "sk_live_";

  /** How many characters of a key are shown in lists and logs. */
  public static final int SHOWN_PREFIX_LENGTH = 12;

  private static final Pattern SHAPE = Pattern.compile("sk_live_[0-9A-Za-z]{32}");

  private ApiKeys() {}

  /** A fresh key. */
  public static String generate(RandomIds ids) {
    return PREFIX + ids.base62(32);
  }

  /** Whether {@code candidate} has the shape of a key (it may still be unknown). */
  public static boolean wellFormed(String candidate) {
    return SHAPE.matcher(candidate).matches();
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
