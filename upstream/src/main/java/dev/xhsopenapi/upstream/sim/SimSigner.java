package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks the simulator's {@code shield}: a fixed prefix shaped like the App's, then
 * the unpadded base64url HMAC-SHA256 of the {@link SignInput} under a secret.
 */
public final class SimSigner {

  /** The secret used when none is configured; the simulator is a test tool, not a vault. */
  public static final String DEFAULT_SECRET = "xhs-openapi-sim/shield/v1";

  /** The start of every {@code shield}, as on the App. */
  public static final String SHIELD_PREFIX = "XYAAAAAQAAAAEAAABTAAAAU";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** Creates a signer over the given secret (not blank). */
  public SimSigner(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the signing secret must not be blank");
    }
    this.key = new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM);
  }

  /** A signer over {@link #DEFAULT_SECRET}. */
  public static SimSigner withDefaultSecret() {
    return new SimSigner(DEFAULT_SECRET);
  }

  /** The {@code shield} header value for a request. */
  public String shield(SignInput input) {
    return SHIELD_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(input));
  }

  /**
   * Whether {@code shield} is the signature of {@code input}; the comparison takes the same time
   * wherever the first difference is.
   */
  public boolean verify(SignInput input, String shield) {
    if (shield == null) {
      return false;
    }
    return MessageDigest.isEqual(shield(input).getBytes(UTF_8), shield.getBytes(UTF_8));
  }

  /**
   * The HMAC-SHA256 of {@code text} under this signer's secret: the simulator derives the tokens it
   * hands out ({@code xsec_token}s of notes and users) from it, so that they follow from the secret
   * alone.
   */
  byte[] mac(String text) {
    return macOf(text.getBytes(UTF_8));
  }

  private byte[] mac(SignInput input) {
    return macOf(input.canonical().getBytes(UTF_8));
  }

  private byte[] macOf(byte[] data) {
    try {
      // A Mac is stateful and cheap to make; one per call keeps the signer thread-safe.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, e);
    }
  }
}
