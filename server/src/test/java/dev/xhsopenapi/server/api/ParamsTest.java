package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.NotesQuery;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void notesQuery_whenUserIdMissing_explainsWhatIsNeeded() {
    assertThatThrownBy(() -> Params.notesQuery(null, null))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("user_id is required");
  }

  @Test
  void notesQuery_whenCursorMalformed_quotesTheValue() {
    assertThatThrownBy(() -> Params.notesQuery("5efdeba4000000000101e7e6", "abc"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("cursor")
        .hasMessageContaining("'abc'");
  }

  @Test
  void notesQuery_whenCursorEmpty_isTheFirstPage() {
    NotesQuery q = Params.notesQuery("5efdeba4000000000101e7e6", "");
    assertThat(q.firstPage()).isTrue();
  }

  @Test
  void shown_cutsLongValues() {
    assertThat(Params.shown("a".repeat(500))).hasSizeLessThan(80);
  }

  @Property(tries = 500)
  void userId_isAcceptedExactlyWhenItIs24LowercaseHex(@ForAll("candidates") String candidate) {
    boolean valid = candidate.matches("[0-9a-f]{24}");
    try {
      Params.notesQuery(candidate, null);
      assertThat(valid).as("accepted %s", candidate).isTrue();
    } catch (ApiError e) {
      assertThat(valid).as("refused %s", candidate).isFalse();
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAM);
    }
  }

  @Property(tries = 500)
  void cursor_isAcceptedExactlyWhenEmptyOr24LowercaseHex(@ForAll("candidates") String candidate) {
    boolean valid = candidate.isEmpty() || candidate.matches("[0-9a-f]{24}");
    try {
      Params.notesQuery("5efdeba4000000000101e7e6", candidate);
      assertThat(valid).as("accepted %s", candidate).isTrue();
    } catch (ApiError e) {
      assertThat(valid).as("refused %s", candidate).isFalse();
    }
  }

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> hex24 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(24);
    Arbitrary<String> nearHex =
        Arbitraries.strings().withChars("0123456789abcdefABCDEFg ").ofMinLength(0).ofMaxLength(30);
    Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(40);
    return Arbitraries.oneOf(hex24, nearHex, anything);
  }
}
