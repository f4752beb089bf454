package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBindingTest {
  private static final ObjectMapper LENIENT = JsonBinding.mapper(true);
  private static final ObjectMapper STRICT = JsonBinding.mapper(false);

  record Body(
      @JsonProperty(required = true) String name,
      Long credits,
      Integer rateLimitPerMinute,
      Double rate,
      List<String> sids) {
    Body {
      if (credits != null && credits < 0) {
        throw new IllegalArgumentException("credits must be from 0 (at $.credits)");
      }
    }
  }

  private static String problem(ObjectMapper mapper, String json) {
    try {
      mapper.readValue(json, Body.class);
    } catch (JacksonException e) {
      return JsonBinding.describe(e);
    }
    throw new AssertionError("bound: " + json);
  }

  @Test
  void bindsSnakeCaseKeysAndIgnoresUnknownOnesWhenAsked() throws Exception {
    Body b =
        LENIENT.readValue(
            "{\"name\":\"a\",\"credits\":5,\"rate_limit_per_minute\":7,\"rate\":1,"
                + "\"sids\":[\"x\"],\"other\":true}",
            Body.class);
    assertThat(b).isEqualTo(new Body("a", 5L, 7, 1.0, List.of("x")));
    assertThat(LENIENT.readValue("{\"name\":\"a\",\"credits\":null}", Body.class).credits())
        .isNull();
  }

  @Test
  void wrongTypesNameThePath() {
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"credits\":\"5\"}"))
        .isEqualTo("credits must be an integer (at $.credits)");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"credits\":1.5}"))
        .isEqualTo("credits must be an integer (at $.credits)");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"credits\":true}"))
        .isEqualTo("credits must be an integer (at $.credits)");
    assertThat(problem(LENIENT, "{\"name\":5}")).isEqualTo("name must be a string (at $.name)");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"rate\":\"x\"}"))
        .isEqualTo("rate must be a number (at $.rate)");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"sids\":[\"x\",3]}"))
        .isEqualTo("sids must be a string (at $.sids[1])");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"sids\":\"x\"}"))
        .isEqualTo("sids must be an array (at $.sids)");
    assertThat(problem(LENIENT, "[1]")).isEqualTo("the body must be a JSON object");
  }

  @Test
  void outOfRangeMissingUnknownAndBadJsonAreNamed() {
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"rate_limit_per_minute\":3000000000}"))
        .isEqualTo(
            "rate_limit_per_minute is out of range for an integer (at $.rate_limit_per_minute)");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"credits\":99999999999999999999}"))
        .isEqualTo("credits is out of range for an integer (at $.credits)");
    assertThat(problem(LENIENT, "{\"credits\":1}")).isEqualTo("name is required (at $.name)");
    assertThat(problem(STRICT, "{\"name\":\"a\",\"nope\":1}"))
        .isEqualTo("unknown key 'nope' (at $.nope)");
    assertThat(problem(LENIENT, "{\"name\":")).startsWith("the body is not valid JSON: ");
    assertThat(problem(LENIENT, "{\"name\":\"a\"} x")).startsWith("the body is not valid JSON: ");
    assertThat(problem(LENIENT, "{\"name\":\"a\",\"credits\":-1}"))
        .isEqualTo("credits must be from 0 (at $.credits)");
  }

  @Test
  void aRecordRefusalIsPassedOnAsItIs() {
    assertThatThrownBy(() -> LENIENT.readValue("{\"name\":\"a\",\"credits\":-2}", Body.class))
        .isInstanceOf(JacksonException.class);
  }
}
