package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shield: what it signs, and that nothing else verifies. */
class SimSignerTest {
  private static final SimSigner SIGNER = SimSigner.withDefaultSecret();
  private static final SignInput INPUT =
      new SignInput(
          "GET",
          SimProtocol.USER_POSTED_PATH,
          AppRequests.query("5efdeba4000000000101e7e6", ""),
          AppRequests.commonParams("session.1"),
          AppRequests.PLATFORM_INFO,
          "");

  @Test
  void verify_ofItsOwnShield_succeeds() {
    String shield = SIGNER.shield(INPUT);

    assertThat(shield).startsWith("XYAAAAAQAAAAEAAABTAAAAU").doesNotContain("=", "+", "/");
    assertThat(SIGNER.verify(INPUT, shield)).isTrue();
    assertThat(new SimSigner(SimSigner.DEFAULT_SECRET).verify(INPUT, shield)).isTrue();
  }

  @Test
  void verify_whenAnyPartOfTheRequestChanged_fails() {
    String shield = SIGNER.shield(INPUT);
    List<SignInput> changed =
        List.of(
            new SignInput(
                "POST",
                INPUT.path(),
                INPUT.query(),
                INPUT.commonParams(),
                INPUT.platformInfo(),
                ""),
            new SignInput(
                "GET",
                "/api/sns/v3/note/user/posted",
                INPUT.query(),
                INPUT.commonParams(),
                INPUT.platformInfo(),
                ""),
            new SignInput(
                "GET",
                INPUT.path(),
                INPUT.query() + "&x=1",
                INPUT.commonParams(),
                INPUT.platformInfo(),
                ""),
            new SignInput(
                "GET",
                INPUT.path(),
                INPUT.query(),
                AppRequests.commonParams("session.2"),
                INPUT.platformInfo(),
                ""),
            new SignInput(
                "GET",
                INPUT.path(),
                INPUT.query(),
                INPUT.commonParams(),
                INPUT.platformInfo() + "&x",
                ""),
            new SignInput(
                "GET",
                INPUT.path(),
                INPUT.query(),
                INPUT.commonParams(),
                INPUT.platformInfo(),
                "{}"));

    assertThat(changed).allSatisfy(input -> assertThat(SIGNER.verify(input, shield)).isFalse());
  }

  @Test
  void verify_whenShieldIsWrongTruncatedOrMissing_fails() {
    String shield = SIGNER.shield(INPUT);

    assertThat(SIGNER.verify(INPUT, null)).isFalse();
    assertThat(SIGNER.verify(INPUT, "")).isFalse();
    assertThat(SIGNER.verify(INPUT, shield.substring(0, shield.length() - 1))).isFalse();
    assertThat(SIGNER.verify(INPUT, shield + "A")).isFalse();
    assertThat(new SimSigner("another secret").verify(INPUT, shield)).isFalse();
  }

  @Test
  void signInput_normalisesMethodCaseAndLeadingQuestionMark() {
    SignInput loose =
        new SignInput(
            "get",
            INPUT.path(),
            "?" + INPUT.query(),
            INPUT.commonParams(),
            INPUT.platformInfo(),
            null);

    assertThat(SIGNER.verify(loose, SIGNER.shield(INPUT))).isTrue();
  }

  @Test
  void newSigner_withBlankSecret_isRefused() {
    assertThatThrownBy(() -> new SimSigner(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
  }
}
