package dev.xhsopenapi.server.watch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature (DESIGN §12, after Stripe's scheme): {@code t=<unix seconds>,v1=<lowercase
 * hex HMAC-SHA256(secret, "<t>.<body>")>}, the key being the whole secret ({@code whsec_…}) as
 * UTF-8. The timestamp is part of what is signed, so a receiver that refuses old timestamps cannot
 * be replayed an old delivery. For a while after a secret is rolled, a second {@code v1} carries
 * the signature with the secret it replaced.
 */
final class Signatures {
  private Signatures() {}

  /**
   * The {@code XHS-Openapi-Signature} header value for {@code body} sent at {@code unixSeconds}.
   */
  static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
  }

  /**
   * The header value signed with {@code secret} and also with {@code oldSecret} (when not null),
   * the replaced secret of a roll still in its grace period: {@code t=…,v1=<new>,v1=<old>}, any
   * {@code v1} of which a receiver may accept.
   */
  static String header(String secret, String oldSecret, long unixSeconds, byte[] body) {
    String header = header(secret, unixSeconds, body);
    return oldSecret == null ? header : header + ",v1=" + hmac(oldSecret, unixSeconds, body);
  }

  /** The lowercase hex HMAC-SHA256 of {@code "<t>.<body>"} under {@code secret}. */
  static String hmac(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JDK has HmacSHA256, and any non-empty key fits it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
