package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import io.helidon.common.parameters.Parameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static final String USER = "5efdeba4000000000101e7e6";

  @Test
  void single_givesTheValue_orNullWhenAbsent() {
    Parameters query = Parameters.create("query", Map.of("user_id", List.of(USER)));
    assertThat(Params.single(query, "user_id")).isEqualTo(USER);
    assertThat(Params.single(query, "cursor")).isNull();
  }

  @Test
  void single_refusesARepeatedParameter() {
    Parameters query = Parameters.create("query", Map.of("cursor", List.of("a", "b")));
    assertThatThrownBy(() -> Params.single(query, "cursor"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAM))
        .hasMessage("cursor is given 2 times; give it once");
  }

  @Property(tries = 500)
  void userId_isAcceptedExactlyWhenItIs24LowercaseHex(@ForAll("candidates") String candidate) {
    boolean valid = candidate.matches("[0-9a-f]{24}");
    try {
      Operation.USER_NOTES.request(Map.of("user_id", candidate));
      assertThat(valid).as("accepted %s", candidate).isTrue();
    } catch (InvalidParamException e) {
      assertThat(valid).as("refused %s", candidate).isFalse();
      assertThat(e.param()).isEqualTo("user_id");
    }
  }

  @Property(tries = 500)
  void cursor_isAcceptedExactlyWhenEmptyOr24LowercaseHex(@ForAll("candidates") String candidate) {
    boolean valid = candidate.isEmpty() || candidate.matches("[0-9a-f]{24}");
    Map<String, String> given = new HashMap<>();
    given.put("user_id", USER);
    given.put("cursor", candidate);
    try {
      Operation.USER_NOTES.request(given);
      assertThat(valid).as("accepted %s", candidate).isTrue();
    } catch (InvalidParamException e) {
      assertThat(valid).as("refused %s", candidate).isFalse();
      assertThat(e.param()).isEqualTo("cursor");
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
