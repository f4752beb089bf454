package dev.xhsopenapi.sdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the webhooks of creator watches, for the program that receives them. Each webhook is a
 * {@code POST} whose body is the event's JSON ({@link WatchEvent#parse(byte[])}) with the headers
 * {@value #EVENT_ID_HEADER} (the event id, the same on every attempt) and {@value
 * #SIGNATURE_HEADER}: {@code t=<unix seconds of this attempt>,v1=<hex HMAC-SHA256>}, the HMAC keyed
 * with the watch's secret ({@link CreatedWatch#secret()}, the whole {@code whsec_…} string as
 * UTF-8) over the bytes of {@code t}, a dot and the body.
 *
 * <p>The scheme is Stripe's (https://docs.stripe.com/webhooks#verify-manually): the receiver
 * recomputes the HMAC, compares it in constant time with every {@code v1} of the header (several
 * during a change of secret; other schemes such as {@code v0} are ignored), and refuses a time
 * further from its clock than a tolerance, which bounds replays.
 *
 * <pre>{@code
 * byte[] body = request.bodyBytes(); // as received: not parsed and written again
 * try {
 *   Webhooks.verify(secret, request.header(Webhooks.SIGNATURE_HEADER), body,
 *       Webhooks.DEFAULT_TOLERANCE);
 * } catch (WebhookSignatureException e) {
 *   return response(400, e.getMessage());
 * }
 * WatchEvent event = WatchEvent.parse(body);
 * }</pre>
 */
public final class Webhooks {
  /** The header that carries the signature. */
  public static final String SIGNATURE_HEADER = "XHS-Openapi-Signature";

  /** The header that carries the event id. */
  public static final String EVENT_ID_HEADER = "XHS-Openapi-Event-Id";

  /** How far the header's time may be from the receiver's clock by default: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String HMAC = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private Webhooks() {}

  /**
   * Verifies a webhook against the system clock.
   *
   * @param secret the watch's secret, {@code whsec_…}
   * @param signatureHeader the value of {@value #SIGNATURE_HEADER}, or null when there was none
   * @param body the body exactly as received, read as UTF-8 text
   * @param tolerance how far {@code t} may be from now, such as {@link #DEFAULT_TOLERANCE}
   * @throws WebhookSignatureException when the webhook is to be refused; the message says why
   * @throws IllegalArgumentException when the secret is empty or the tolerance negative
   */
  public static void verify(
      String secret, String signatureHeader, String body, Duration tolerance) {
    verify(secret, signatureHeader, body, tolerance, Clock.systemUTC());
  }

  /**
   * Verifies a webhook against a clock.
   *
   * @param secret the watch's secret, {@code whsec_…}
   * @param signatureHeader the value of {@value #SIGNATURE_HEADER}, or null when there was none
   * @param body the body exactly as received, read as UTF-8 text
   * @param tolerance how far {@code t} may be from the clock's now
   * @param clock the receiver's clock
   * @throws WebhookSignatureException when the webhook is to be refused; the message says why
   * @throws IllegalArgumentException when the secret is empty or the tolerance negative
   */
  public static void verify(
      String secret, String signatureHeader, String body, Duration tolerance, Clock clock) {
    Objects.requireNonNull(body, "body");
    verify(secret, signatureHeader, body.getBytes(StandardCharsets.UTF_8), tolerance, clock);
  }

  /**
   * Verifies a webhook against the system clock.
   *
   * @param secret the watch's secret, {@code whsec_…}
   * @param signatureHeader the value of {@value #SIGNATURE_HEADER}, or null when there was none
   * @param body the body bytes exactly as received
   * @param tolerance how far {@code t} may be from now, such as {@link #DEFAULT_TOLERANCE}
   * @throws WebhookSignatureException when the webhook is to be refused; the message says why
   * @throws IllegalArgumentException when the secret is empty or the tolerance negative
   */
  public static void verify(
      String secret, String signatureHeader, byte[] body, Duration tolerance) {
    verify(secret, signatureHeader, body, tolerance, Clock.systemUTC());
  }

  /**
   * Verifies a webhook against a clock: the header must have one {@code t} within {@code tolerance}
   * of the clock's now (in whole seconds) and a {@code v1} equal to the HMAC-SHA256 of {@code t +
   * "." + body} keyed with {@code secret}, compared in constant time.
   *
   * @param secret the watch's secret, {@code whsec_…}
   * @param signatureHeader the value of {@value #SIGNATURE_HEADER}, or null when there was none
   * @param body the body bytes exactly as received
   * @param tolerance how far {@code t} may be from the clock's now, zero or more
   * @param clock the receiver's clock
   * @throws WebhookSignatureException when the webhook is to be refused: no header, no {@code t}, a
   *     {@code t} that is not a number, a {@code t} too old or too new, no {@code v1}, or no {@code
   *     v1} that matches
   * @throws IllegalArgumentException when the secret is empty or the tolerance negative
   */
  public static void verify(
      String secret, String signatureHeader, byte[] body, Duration tolerance, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(clock, "clock");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("the tolerance must not be negative, got " + tolerance);
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.NO_HEADER,
          "no " + SIGNATURE_HEADER + " header: the request is not a signed webhook");
    }
    List<String> times = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    for (String element : signatureHeader.split(",", -1)) {
      int eq = element.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = element.substring(0, eq).strip();
      String value = element.substring(eq + 1).strip();
      if ("t".equals(name)) {
        times.add(value);
      } else if ("v1".equals(name)) {
        signatures.add(value);
      }
    }
    long t = timestamp(times);
    long now = clock.instant().getEpochSecond();
    long allowed = tolerance.toSeconds();
    // t is 0 or more and now is a time of this era, so now - t cannot overflow.
    long age = now - t;
    if (age > allowed) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.TOO_OLD,
          "the signature's t="
              + t
              + " is "
              + age
              + " s old, "
              + (age - allowed)
              + " s more than the tolerance of "
              + allowed
              + " s: a replayed or long-delayed webhook, or a clock that is off");
    }
    if (-age > allowed) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.TOO_NEW,
          "the signature's t="
              + t
              + " is "
              + -age
              + " s in the future, "
              + (-age - allowed)
              + " s more than the tolerance of "
              + allowed
              + " s: the sender's or this clock is off");
    }
    if (signatures.isEmpty()) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.NO_SIGNATURE,
          "the " + SIGNATURE_HEADER + " header has no v1= signature");
    }
    byte[] expected = hmac(secret, t, body);
    boolean match = false;
    for (String signature : signatures) {
      byte[] given = hex(signature);
      // Every signature is compared, and each in constant time, so the time taken tells nothing.
      match |= given != null && MessageDigest.isEqual(expected, given);
    }
    if (!match) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.NO_MATCH,
          (signatures.size() == 1
                  ? "the v1 signature does not match"
                  : "none of the " + signatures.size() + " v1 signatures matches")
              + " the body signed with this secret at t="
              + t
              + ": a wrong secret, or a body changed on the way (verify the bytes as received)");
    }
  }

  /**
   * Signs a body as the gateway does: for the tests of a webhook receiver.
   *
   * @param secret the secret, {@code whsec_…}
   * @param unixSeconds the time to sign at, in seconds since 1970-01-01T00:00:00Z
   * @param body the body bytes
   * @return the whole header value, {@code t=<unixSeconds>,v1=<64 lowercase hex>}
   * @throws IllegalArgumentException when the secret is empty or the time negative
   */
  public static String sign(String secret, long unixSeconds, byte[] body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    if (unixSeconds < 0) {
      throw new IllegalArgumentException("the time must not be negative, got " + unixSeconds);
    }
    return "t=" + unixSeconds + ",v1=" + HEX.formatHex(hmac(secret, unixSeconds, body));
  }

  private static long timestamp(List<String> times) {
    if (times.isEmpty()) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.NO_TIMESTAMP,
          "the " + SIGNATURE_HEADER + " header has no t=<unix seconds>");
    }
    if (times.size() > 1) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.BAD_TIMESTAMP,
          "the " + SIGNATURE_HEADER + " header has " + times.size() + " t= values; it takes one");
    }
    String text = times.getFirst();
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.BAD_TIMESTAMP,
          "t='"
              + (text.length() <= 40 ? text : text.substring(0, 40) + "…")
              + "' in the "
              + SIGNATURE_HEADER
              + " header is not a number of seconds");
    }
    return Long.parseLong(text);
  }

  private static byte[] hex(String text) {
    if (text.length() != 64) {
      return null;
    }
    try {
      return HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hmac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every JDK has HmacSHA256 (a required algorithm of the Mac class).
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
