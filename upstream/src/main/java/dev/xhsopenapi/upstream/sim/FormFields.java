package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a form-encoded string ({@code a=1&b=x%2Fy}): a raw query, or the {@code
 * xy-common-params} header. The first occurrence of a name wins; fields keep the order they came
 * in.
 */
record FormFields(Map<String, String> fields) {

  FormFields {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Parses {@code raw}; malformed percent-escapes are kept as they are. */
  static FormFields parse(String raw) {
    Map<String, String> fields = new LinkedHashMap<>();
    int start = 0;
    while (start < raw.length()) {
      int end = raw.indexOf('&', start);
      end = end < 0 ? raw.length() : end;
      int equals = raw.indexOf('=', start);
      if (equals < 0 || equals > end) {
        equals = end;
      }
      if (end > start) {
        String value = equals == end ? "" : decode(raw.substring(equals + 1, end));
        fields.putIfAbsent(decode(raw.substring(start, equals)), value);
      }
      start = end + 1;
    }
    return new FormFields(fields);
  }

  /** The value of a field, if present. */
  Optional<String> get(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
