package dev.xhsopenapi.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.server.config.ConfigLoader;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sealing webhook signing secrets at rest, and reading the key setting. */
class SecretBoxTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET = "whsec_0123456789abcdefghijABCDEFGHIJkl";
  private static final String WATCH = "wch_aaaaaaaaaaaaaaaaaaaa";

  /** A fresh key as an operator writes it (standard base64). */
  static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private final SecretBox box = SecretBox.fromSetting(newKey());

  @Test
  void sealed_isNotTheSecret_differsEachTime_andOpensToTheSecret() throws Exception {
    String sealed = box.seal(SECRET, WATCH);
    String again = box.seal(SECRET, WATCH);
    assertThat(sealed).startsWith("enc:v1:").doesNotContain(SECRET).doesNotContain("whsec_");
    assertThat(again).isNotEqualTo(sealed);
    // 12-byte IV, the 38 bytes of the secret, 16-byte tag.
    assertThat(Base64.getDecoder().decode(sealed.substring("enc:v1:".length())))
        .hasSize(12 + SECRET.length() + 16);
    assertThat(SecretBox.isSealed(sealed)).isTrue();
    assertThat(box.open(sealed, WATCH)).isEqualTo(SECRET);
    assertThat(box.open(again, WATCH)).isEqualTo(SECRET);
  }

  @Test
  void anotherKey_doesNotOpenIt_andSaysTheKeyIsDifferent() {
    String sealed = box.seal(SECRET, WATCH);
    SecretBox other = SecretBox.fromSetting(newKey());
    assertThatThrownBy(() -> other.open(sealed, WATCH))
        .isInstanceOf(SecretBox.Unreadable.class)
        .hasMessageContaining("the webhook secret is encrypted")
        .hasMessageContaining("webhooks.secret-key is different");
  }

  @Test
  void noKey_doesNotOpenIt_andSaysTheKeyIsMissing() {
    String sealed = box.seal(SECRET, WATCH);
    assertThatThrownBy(() -> SecretBox.withoutKey().open(sealed, WATCH))
        .isInstanceOf(SecretBox.Unreadable.class)
        .hasMessage(
            "the webhook secret is encrypted and webhooks.secret-key is missing on this node");
  }

  @Test
  void aValueMovedToAnotherRow_doesNotOpen() {
    String sealed = box.seal(SECRET, WATCH);
    assertThatThrownBy(() -> box.open(sealed, "wch_bbbbbbbbbbbbbbbbbbbb"))
        .isInstanceOf(SecretBox.Unreadable.class)
        .hasMessageContaining("webhooks.secret-key is different");
    assertThatThrownBy(() -> box.open(sealed, "acc_aaaaaaaaaaaaaaaaaaaa"))
        .isInstanceOf(SecretBox.Unreadable.class);
  }

  @Test
  void anyAlteredByte_orACutValue_doesNotOpen() {
    String sealed = box.seal(SECRET, WATCH);
    byte[] raw = Base64.getDecoder().decode(sealed.substring("enc:v1:".length()));
    // The IV, the ciphertext and the tag are each covered.
    for (int i : new int[] {0, 11, 12, 20, raw.length - 16, raw.length - 1}) {
      byte[] altered = raw.clone();
      altered[i] ^= 0x01;
      String value = "enc:v1:" + Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> box.open(value, WATCH))
          .as("byte %d altered", i)
          .isInstanceOf(SecretBox.Unreadable.class)
          .hasMessageContaining("or the stored value was altered");
    }
    byte[] cut = java.util.Arrays.copyOf(raw, 20);
    assertThatThrownBy(() -> box.open("enc:v1:" + Base64.getEncoder().encodeToString(cut), WATCH))
        .isInstanceOf(SecretBox.Unreadable.class);
    assertThatThrownBy(() -> box.open("enc:v1:not base64!", WATCH))
        .isInstanceOf(SecretBox.Unreadable.class);
  }

  @Test
  void plainValues_areReadAsTheyAre_withOrWithoutAKey() throws Exception {
    assertThat(box.open(SECRET, WATCH)).isEqualTo(SECRET);
    assertThat(SecretBox.withoutKey().open(SECRET, WATCH)).isEqualTo(SECRET);
    assertThat(box.open(null, WATCH)).isNull();
    assertThat(SecretBox.isSealed(SECRET)).isFalse();
    // Without a key, secrets are stored as they are.
    assertThat(SecretBox.withoutKey().seal(SECRET, WATCH)).isEqualTo(SECRET);
    assertThat(box.seal(null, WATCH)).isNull();
    assertThat(SecretBox.withoutKey().hasKey()).isFalse();
    assertThat(box.hasKey()).isTrue();
  }

  @Test
  void theKey_isReadInStandardOrUrlSafeBase64_paddedOrNot() throws Exception {
    byte[] key = new byte[32];
    // Bytes whose base64 holds both '+' or '/' (standard) and '-' or '_' (URL-safe).
    java.util.Arrays.fill(key, (byte) 0xfb);
    String standard = Base64.getEncoder().encodeToString(key);
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    assertThat(standard).contains("+").endsWith("=");
    assertThat(url).contains("-").doesNotEndWith("=");
    String sealed = SecretBox.fromSetting(standard).seal(SECRET, WATCH);
    assertThat(SecretBox.fromSetting(url).open(sealed, WATCH)).isEqualTo(SECRET);
    assertThat(SecretBox.fromSetting(" " + standard + "\n").open(sealed, WATCH)).isEqualTo(SECRET);
    assertThat(SecretBox.fromSetting(null).hasKey()).isFalse();
    assertThat(SecretBox.fromSetting("  ").hasKey()).isFalse();
    assertThat(SecretBox.fromSetting(standard).toString()).doesNotContain(standard);
  }

  @Test
  void aKeyThatIsNot32BytesOfBase64_isRefused_namingTheSettingButNotTheValue() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    String long33 = Base64.getEncoder().encodeToString(new byte[33]);
    for (String bad :
        new String[] {short16, long33, "correct horse battery staple", "a+b-c_d/" + short16}) {
      assertThatThrownBy(() -> SecretBox.fromSetting(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("webhooks.secret-key must be 32 random bytes in base64")
          .message()
          .doesNotContain(bad);
    }
    assertThatThrownBy(() -> SecretBox.fromSetting(short16)).hasMessageEndingWith("holds 16 bytes");
  }

  @Test
  void theSetting_isReadFromFlagsAndEnvironment_andABadOneStopsTheStart() throws Exception {
    String key = newKey();
    String sealed = SecretBox.fromSetting(key).seal(SECRET, WATCH);
    SecretBox fromEnv =
        ConfigLoader.load(Map.of(), Map.of("XHS_OPENAPI_WEBHOOKS_SECRET_KEY", key), null)
            .watches()
            .secrets();
    assertThat(fromEnv.open(sealed, WATCH)).isEqualTo(SECRET);
    // The flag wins over the environment.
    SecretBox fromFlag =
        ConfigLoader.load(
                Map.of("webhooks.secret-key", key),
                Map.of("XHS_OPENAPI_WEBHOOKS_SECRET_KEY", newKey()),
                null)
            .watches()
            .secrets();
    assertThat(fromFlag.open(sealed, WATCH)).isEqualTo(SECRET);
    assertThat(ConfigLoader.load(Map.of(), Map.of(), null).watches().secrets().hasKey()).isFalse();
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(), Map.of("XHS_OPENAPI_WEBHOOKS_SECRET_KEY", "too-short"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhooks.secret-key");
  }
}
