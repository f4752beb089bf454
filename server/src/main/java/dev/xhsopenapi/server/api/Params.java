package dev.xhsopenapi.server.api;

import io.helidon.common.parameters.Parameters;
import java.util.List;

/**
 * Reading query parameters, with messages that say what to fix. Each endpoint's own rules are its
 * {@link dev.xhsopenapi.upstream.Operation}'s parameters.
 */
public final class Params {

  private Params() {}

  /**
   * A query parameter given at most once.
   *
   * @return its value, or null when absent
   * @throws ApiError 400 {@code invalid_param} when it is given more than once or is not validly
   *     URL-encoded
   */
  public static String single(Parameters query, String name) {
    List<String> values;
    try {
      values = query.all(name, List::of);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(name + " is not validly URL-encoded");
    }
    if (values.size() > 1) {
      throw ApiError.invalidParam(name + " is given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * A page size read from a {@code limit} query parameter.
   *
   * @param text the parameter, null or empty when absent
   * @param byDefault the size when absent
   * @param max the largest size allowed
   * @return the size, from 1 to {@code max}
   * @throws ApiError 400 {@code invalid_param} naming {@code limit} when it is not a whole number
   *     from 1 to {@code max}
   */
  public static int pageLimit(String text, int byDefault, int max) {
    if (text == null || text.isEmpty()) {
      return byDefault;
    }
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > max) {
      throw ApiError.invalidParam(
          "limit must be a whole number from 1 to " + max + ", got '" + shown(text) + "'");
    }
    return limit;
  }

  /** A value as an error message quotes it: its first 40 characters. */
  public static String shown(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
