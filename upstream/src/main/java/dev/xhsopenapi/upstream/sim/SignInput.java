package dev.xhsopenapi.upstream.sim;

import java.util.Locale;
import java.util.Objects;

/**
 * What a {@code shield} signs: the request line, the two device headers and the body, exactly as
 * they go on the wire (the query raw, percent-encoding and all, without the leading {@code ?}).
 */
public record SignInput(
    String method,
    String path,
    String query,
    String commonParams,
    String platformInfo,
    String body) {

  /** Creates a signing input; a null query, header or body counts as empty. */
  public SignInput {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query.startsWith("?") ? query.substring(1) : query;
    commonParams = commonParams == null ? "" : commonParams;
    platformInfo = platformInfo == null ? "" : platformInfo;
    body = body == null ? "" : body;
  }

  /** The signing input of a bodiless {@code GET}. */
  public static SignInput get(String path, String query, String commonParams, String platformInfo) {
    return new SignInput("GET", path, query, commonParams, platformInfo, "");
  }

  /** The string the signature is computed over: the six parts joined by newlines. */
  String canonical() {
    return String.join("\n", method, path, query, commonParams, platformInfo, body);
  }
}
