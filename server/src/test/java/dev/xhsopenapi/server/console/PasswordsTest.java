package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Argon2id hashing and its PHC strings. */
class PasswordsTest {
  private final Passwords passwords = new Passwords();

  @Test
  void hash_isArgon2idInPhcForm_saltedAfresh_andVerifies() {
    String hash = passwords.hash("correct horse battery");
    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(passwords.hash("correct horse battery")).isNotEqualTo(hash);
    assertThat(passwords.matches("correct horse battery", hash)).isTrue();
    assertThat(passwords.matches("correct horse batterY", hash)).isFalse();
    assertThat(passwords.matches("", hash)).isFalse();
  }

  @Test
  void matches_withoutAStoredHash_isFalse_evenForTheDecoysPassword() {
    assertThat(passwords.matches("decoy password that no one has", null)).isFalse();
  }

  @Test
  void matches_refusesStoredHashesItCannotTrust() {
    assertThatThrownBy(() -> passwords.matches("x", "$2y$12$abc"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> passwords.matches("x", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void passwordProblem_enforcesTheLengths() {
    assertThat(ConsoleUsers.passwordProblem("123456789")).isPresent();
    assertThat(ConsoleUsers.passwordProblem("长城长城长城长城长城")).isEmpty();
    assertThat(ConsoleUsers.passwordProblem("x".repeat(201))).isPresent();
  }
}
