package dev.xhsopenapi.upstream.sim;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the simulator sees it, independent of the server that received it. Header
 * names are case-insensitive; the query is raw (still percent-encoded) and has no leading {@code
 * ?}.
 */
public record SimRequest(
    String method, String path, String rawQuery, Map<String, String> headers, String body) {

  /** Creates a request; a null query or body counts as empty. */
  public SimRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    rawQuery = rawQuery == null ? "" : rawQuery;
    TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(Objects.requireNonNull(headers, "headers"));
    headers = Collections.unmodifiableMap(caseless);
    body = body == null ? "" : body;
  }

  /** A bodiless {@code GET}. */
  public static SimRequest get(String path, String rawQuery, Map<String, String> headers) {
    return new SimRequest("GET", path, rawQuery, headers, "");
  }

  /** The value of a header, whatever the case of its name. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** What the {@code shield} of this request must sign. */
  SignInput signInput() {
    return new SignInput(
        method,
        path,
        rawQuery,
        header(SimProtocol.COMMON_PARAMS_HEADER).orElse(""),
        header(SimProtocol.PLATFORM_INFO_HEADER).orElse(""),
        body);
  }
}
