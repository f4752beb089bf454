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
}
