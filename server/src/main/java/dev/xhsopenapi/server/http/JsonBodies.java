package dev.xhsopenapi.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.upstream.JsonBinding;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;

/**
 * Reads JSON request bodies (admin API, creator watches) into records: snake_case keys, keys the
 * record does not have are ignored, values are not coerced between JSON types. An empty body reads
 * as {@code {}}. Every refusal is 400 {@code invalid_param} naming the JSON path, such as {@code
 * "credits must be an integer (at $.credits)"}.
 */
public final class JsonBodies {
  private static final ObjectMapper MAPPER = JsonBinding.mapper(true);

  private JsonBodies() {}

  /**
   * Binds the body of {@code req} to {@code type}.
   *
   * @throws ApiError 400 {@code invalid_param} when the body is not a JSON object or does not fit
   */
  public static <T> T read(ServerRequest req, Class<T> type) {
    byte[] bytes = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    return read(bytes, type);
  }

  /** Binds {@code bytes} (empty: {@code {}}) to {@code type}; refusals as {@link #read}. */
  public static <T> T read(byte[] bytes, Class<T> type) {
    JsonNode node;
    try {
      node = bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw ApiError.invalidParam("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.invalidParam("the request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiError.invalidParam("the request body must be a JSON object");
    }
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JacksonException e) {
      throw ApiError.invalidParam(JsonBinding.describe(e));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
  }

  /**
   * A required text field: present, a non-blank string of at most {@code maxLength} characters;
   * returned stripped.
   *
   * @throws ApiError 400 {@code invalid_param} naming the field otherwise
   */
  public static String requiredText(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      throw ApiError.invalidParam(
          field + " is required and must be a non-empty string (at $." + field + ")");
    }
    return optionalText(value, field, maxLength).strip();
  }

  /**
   * An optional text field: null when absent, else at most {@code maxLength} characters.
   *
   * @throws ApiError 400 {@code invalid_param} naming the field when longer
   */
  public static String optionalText(String value, String field, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw ApiError.invalidParam(
          field + " must be at most " + maxLength + " characters (at $." + field + ")");
    }
    return value;
  }

  /**
   * An optional whole number within {@code [min, max]}; {@code fallback} when absent.
   *
   * @throws ApiError 400 {@code invalid_param} naming the field and its bounds otherwise
   */
  public static long bounded(Long value, String field, long fallback, long min, long max) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      throw ApiError.invalidParam(
          field + " must be a whole number from " + min + " to " + max + " (at $." + field + ")");
    }
    return value;
  }
}
