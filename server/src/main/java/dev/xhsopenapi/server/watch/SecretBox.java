package dev.xhsopenapi.server.watch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signing secrets (watches' and accounts' {@code whsec_…}) sealed at rest with the
 * operator's key, {@code webhooks.secret-key}. They must be readable to sign deliveries, so they
 * cannot be hashed like API keys; sealed, a copy of the store (a backup, a read-only database
 * login) does not let anyone forge webhooks.
 *
 * <p>A sealed value is {@code enc:v1:} followed by the base64 of a random 12-byte IV and the
 * AES-256-GCM ciphertext with its 16-byte tag. The id of the row that holds the secret (the watch's
 * or the account's) is the associated data, so a value copied into another row does not open.
 * Values without the prefix are plain: written before a key was set, or without one. They are read
 * as they are and left so; a new or rolled secret is sealed when written.
 */
public final class SecretBox {
  /** The setting that holds the key. */
  public static final String SETTING = "webhooks.secret-key";

  /** What a sealed value starts with. */
  static final String PREFIX = "enc:v1:";

  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SecretBox NO_KEY = new SecretBox(null);

  /** The key, or null when none is set. */
  private final SecretKey key;

  private SecretBox(SecretKey key) {
    this.key = key;
  }

  /** A box without a key: secrets are stored plain, and sealed ones cannot be opened. */
  public static SecretBox withoutKey() {
    return NO_KEY;
  }

  /**
   * The box of the {@code webhooks.secret-key} setting: 32 bytes in base64, standard or URL-safe,
   * padded or not.
   *
   * @param setting the setting's value; null or blank for no key
   * @throws IllegalArgumentException naming the setting (never its value) when it is not 32 bytes
   *     of base64
   */
  public static SecretBox fromSetting(String setting) {
    if (setting == null || setting.isBlank()) {
      return NO_KEY;
    }
    String text = setting.strip();
    byte[] bytes;
    try {
      bytes =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SETTING
              + " must be 32 random bytes in base64 (e.g. the output of `openssl rand -base64"
              + " 32`), but it is not base64",
          e);
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          SETTING
              + " must be 32 random bytes in base64 (e.g. the output of `openssl rand -base64"
              + " 32`), but it holds "
              + bytes.length
              + " bytes");
    }
    return new SecretBox(new SecretKeySpec(bytes, "AES"));
  }

  /** Whether a key is set. */
  public boolean hasKey() {
    return key != null;
  }

  /** Whether {@code stored} is a sealed value (rather than a plain secret). */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /**
   * The value to store for {@code secret}: sealed to the row {@code ownerId} when a key is set,
   * else the secret itself.
   *
   * @param secret the plain secret; null stays null
   * @param ownerId the id of the row that holds it (watch id or account id)
   */
  public String seal(String secret, String ownerId) {
    if (secret == null || key == null) {
      return secret;
    }
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      // Every JDK has AES/GCM, and the key is 32 bytes.
      throw new IllegalStateException("cannot encrypt with " + CIPHER, e);
    }
  }

  /**
   * The plain secret of a stored value: a plain value as it is, a sealed one opened.
   *
   * @param stored the stored value; null stays null
   * @param ownerId the id of the row it was read from
   * @throws Unreadable when it is sealed and this node has no key, or another key, or the value was
   *     altered or moved to another row
   */
  public String open(String stored, String ownerId) throws Unreadable {
    if (!isSealed(stored)) {
      return stored;
    }
    if (key == null) {
      throw new Unreadable(
          "the webhook secret is encrypted and " + SETTING + " is missing on this node");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw different();
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      throw different();
    }
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
      return new String(
          cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw different();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt with " + CIPHER, e);
    }
  }

  private static Unreadable different() {
    return new Unreadable(
        "the webhook secret is encrypted and "
            + SETTING
            + " is different from the key that encrypted it (or the stored value was altered)");
  }

  /** Says whether a key is set, never the key. */
  @Override
  public String toString() {
    return key == null ? "SecretBox[no key]" : "SecretBox[key set]";
  }

  /** A sealed secret that this node cannot open; the message names the cause, not the secret. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }
}
