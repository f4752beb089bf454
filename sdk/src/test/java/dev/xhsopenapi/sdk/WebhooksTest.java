package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.WebhookSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signing and verifying webhooks as the wire contract and Stripe's scheme say. */
class WebhooksTest {
  private static final String SECRET = "whsec_5f3c1e0a9b7d4c2e8f6a1b3d5c7e9f0a";
  private static final long T = 1_796_036_400L; // 2026-11-30T11:00:00Z
  private static final String BODY =
      "{\"event_id\":\"evt_1\",\"type\":\"note.created\",\"watch_id\":\"wch_1\","
          + "\"user_id\":\"5efdeba4000000000101e7e6\",\"created_at\":\"2026-11-30T11:00:00Z\","
          + "\"data\":{\"note\":{\"id\":\"6650a1b2000000001e00abcd\",\"title\":\"露营\"}}}";
  private static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);
  private static final Duration TOLERANCE = Webhooks.DEFAULT_TOLERANCE;

  private static Clock at(long seconds) {
    return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  /** The HMAC computed here, apart from the code under test. */
  private static String expected(String secret, long t, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] sig = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sig);
  }

  private static Reason refused(String header, byte[] body, Clock clock) {
    return catchThrowableOfType(
            WebhookSignatureException.class,
            () -> Webhooks.verify(SECRET, header, body, TOLERANCE, clock))
        .reason();
  }

  @Test
  void sign_isTheHmacOfTDotBody_keyedWithTheWholeSecret_asTheHeaderValue() throws Exception {
    String header = Webhooks.sign(SECRET, T, BYTES);

    assertThat(header).isEqualTo("t=" + T + ",v1=" + expected(SECRET, T, BODY));
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
  }

  @Test
  void aKnownVector_verifies_asBytesAndAsText() throws Exception {
    String header = "t=" + T + ",v1=" + expected(SECRET, T, BODY);

    assertThatCode(() -> Webhooks.verify(SECRET, header, BYTES, TOLERANCE, at(T + 10)))
        .doesNotThrowAnyException();
    assertThatCode(() -> Webhooks.verify(SECRET, header, BODY, TOLERANCE, at(T - 10)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                Webhooks.verify(
                    SECRET,
                    " t = "
                        + T
                        + " , v1 = "
                        + expected(SECRET, T, BODY).toUpperCase(java.util.Locale.ROOT),
                    BYTES,
                    TOLERANCE,
                    at(T)))
        .doesNotThrowAnyException();
  }

  @Test
  void aTamperedBody_doesNotMatch() {
    String header = Webhooks.sign(SECRET, T, BYTES);
    byte[] tampered = BODY.replace("露营", "露營").getBytes(StandardCharsets.UTF_8);

    WebhookSignatureException e =
        catchThrowableOfType(
            WebhookSignatureException.class,
            () -> Webhooks.verify(SECRET, header, tampered, TOLERANCE, at(T)));

    assertThat(e.reason()).isEqualTo(Reason.NO_MATCH);
    assertThat(e.getMessage()).contains("does not match").contains("t=" + T);
  }

  @Test
  void aChangedT_doesNotMatch_sinceTheTimeIsSignedToo() {
    String header = Webhooks.sign(SECRET, T, BYTES).replace("t=" + T, "t=" + (T + 1));

    assertThat(refused(header, BYTES, at(T))).isEqualTo(Reason.NO_MATCH);
  }

  @Test
  void anotherSecret_doesNotMatch() {
    String header = Webhooks.sign("whsec_other", T, BYTES);

    assertThat(refused(header, BYTES, at(T))).isEqualTo(Reason.NO_MATCH);
  }

  @Test
  void aStaleT_isTooOld_sayingByHowMuch() {
    String header = Webhooks.sign(SECRET, T, BYTES);

    WebhookSignatureException e =
        catchThrowableOfType(
            WebhookSignatureException.class,
            () -> Webhooks.verify(SECRET, header, BYTES, TOLERANCE, at(T + 400)));

    assertThat(e.reason()).isEqualTo(Reason.TOO_OLD);
    assertThat(e.getMessage())
        .contains("400 s old")
        .contains("100 s more than the tolerance of 300 s");
    assertThatCode(() -> Webhooks.verify(SECRET, header, BYTES, TOLERANCE, at(T + 300)))
        .doesNotThrowAnyException();
  }

  @Test
  void aFutureT_isTooNew_sayingByHowMuch() {
    String header = Webhooks.sign(SECRET, T, BYTES);

    WebhookSignatureException e =
        catchThrowableOfType(
            WebhookSignatureException.class,
            () -> Webhooks.verify(SECRET, header, BYTES, TOLERANCE, at(T - 301)));

    assertThat(e.reason()).isEqualTo(Reason.TOO_NEW);
    assertThat(e.getMessage()).contains("301 s in the future").contains("1 s more than");
  }

  @Test
  void severalV1_anyMatchingOneVerifies_andOtherSchemesAreIgnored() throws Exception {
    String good = expected(SECRET, T, BODY);
    String old = expected("whsec_old", T, BODY);

    String rotated = "t=" + T + ",v1=" + old + ",v1=" + good;
    String withV0 = "t=" + T + ",v0=" + "00".repeat(32) + ",v1=" + good + ",v2=abc";

    assertThatCode(() -> Webhooks.verify(SECRET, rotated, BYTES, TOLERANCE, at(T)))
        .doesNotThrowAnyException();
    assertThatCode(() -> Webhooks.verify("whsec_old", rotated, BYTES, TOLERANCE, at(T)))
        .doesNotThrowAnyException();
    assertThatCode(() -> Webhooks.verify(SECRET, withV0, BYTES, TOLERANCE, at(T)))
        .doesNotThrowAnyException();
    WebhookSignatureException none =
        catchThrowableOfType(
            WebhookSignatureException.class,
            () ->
                Webhooks.verify(
                    SECRET, "t=" + T + ",v1=" + old + ",v1=zz", BYTES, TOLERANCE, at(T)));
    assertThat(none.getMessage()).contains("none of the 2 v1 signatures matches");
  }

  @Test
  void garbageHeaders_areRefused_eachWithItsReason() {
    String sig = ",v1=" + "ab".repeat(32);

    assertThat(refused(null, BYTES, at(T))).isEqualTo(Reason.NO_HEADER);
    assertThat(refused("  ", BYTES, at(T))).isEqualTo(Reason.NO_HEADER);
    assertThat(refused("v1=" + "ab".repeat(32), BYTES, at(T))).isEqualTo(Reason.NO_TIMESTAMP);
    assertThat(refused("garbage", BYTES, at(T))).isEqualTo(Reason.NO_TIMESTAMP);
    assertThat(refused("t=abc" + sig, BYTES, at(T))).isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(refused("t=-5" + sig, BYTES, at(T))).isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(refused("t=" + T + ".5" + sig, BYTES, at(T))).isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(refused("t=99999999999999999999999" + sig, BYTES, at(T)))
        .isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(refused("t=" + T + ",t=" + T + sig, BYTES, at(T))).isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(refused("t=" + T, BYTES, at(T))).isEqualTo(Reason.NO_SIGNATURE);
    assertThat(refused("t=" + T + ",v0=" + "ab".repeat(32), BYTES, at(T)))
        .isEqualTo(Reason.NO_SIGNATURE);
    assertThat(refused("t=" + T + ",v1=", BYTES, at(T))).isEqualTo(Reason.NO_MATCH);
    assertThat(refused("t=" + T + ",v1=nothex", BYTES, at(T))).isEqualTo(Reason.NO_MATCH);
  }

  @Test
  void theMessages_sayExactlyWhy() {
    assertThatThrownBy(() -> Webhooks.verify(SECRET, null, BYTES, TOLERANCE, at(T)))
        .hasMessageContaining("no XHS-Openapi-Signature header");
    assertThatThrownBy(() -> Webhooks.verify(SECRET, "v1=ab", BYTES, TOLERANCE, at(T)))
        .hasMessageContaining("no t=");
    assertThatThrownBy(() -> Webhooks.verify(SECRET, "t=soon,v1=ab", BYTES, TOLERANCE, at(T)))
        .hasMessageContaining("t='soon'")
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> Webhooks.verify(SECRET, "t=" + T, BYTES, TOLERANCE, at(T)))
        .hasMessageContaining("no v1=");
  }

  @Test
  void wrongArguments_areProgrammingErrors() {
    String header = Webhooks.sign(SECRET, T, BYTES);

    assertThatThrownBy(() -> Webhooks.verify("", header, BYTES, TOLERANCE, at(T)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Webhooks.verify(SECRET, header, BYTES, Duration.ofSeconds(-1), at(T)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Webhooks.sign(SECRET, -1, BYTES))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSystemClockOverloads_verifyAFreshSignature() {
    long now = Instant.now().getEpochSecond();
    String header = Webhooks.sign(SECRET, now, BYTES);

    assertThatCode(() -> Webhooks.verify(SECRET, header, BYTES, TOLERANCE))
        .doesNotThrowAnyException();
    assertThatCode(() -> Webhooks.verify(SECRET, header, BODY, TOLERANCE))
        .doesNotThrowAnyException();
  }
}
