package dev.xhsopenapi.sdk.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapper of the client, set so that a parsed tree writes back as it was read. */
public final class Json {
  /**
   * Keeps decimals exact ({@code 3.7160} stays {@code 3.7160}, not {@code 3.716}) and field order
   * as received, so that raw notes pass through unchanged.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Json() {}
}
