package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Reads the body of a {@code POST /sign}: {@code {"method","path","query","headers":{
 * "xy-common-params","xy-platform-info"},"body"}}; only method and path are required.
 */
final class SignRequestReader {

  /** A sign request that cannot be signed, with the reason in plain words. */
  static final class InvalidSignRequest extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSignRequest(String message) {
      super(message);
    }
  }

  private SignRequestReader() {}

  /** The signing input a sign request describes. */
  static SignInput read(String body) throws InvalidSignRequest {
    JsonNode request;
    try {
      request = SimJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidSignRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw new InvalidSignRequest(
          "the body must be an object {\"method\",\"path\",\"query\",\"headers\",\"body\"}");
    }
    String method = text(request, "method", true);
    String path = text(request, "path", true);
    if (method.isEmpty() || !path.startsWith("/")) {
      throw new InvalidSignRequest(
          "\"method\" must be an HTTP method and \"path\" must start with /, got "
              + request.get("method")
              + " and "
              + request.get("path"));
    }
    JsonNode headers = request.path("headers");
    if (!headers.isMissingNode() && !headers.isNull() && !headers.isObject()) {
      throw new InvalidSignRequest("\"headers\" must be an object of header names to strings");
    }
    return new SignInput(
        method,
        path,
        text(request, "query", false),
        header(headers, SimProtocol.COMMON_PARAMS_HEADER),
        header(headers, SimProtocol.PLATFORM_INFO_HEADER),
        text(request, "body", false));
  }

  private static String text(JsonNode request, String field, boolean required)
      throws InvalidSignRequest {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new InvalidSignRequest("\"" + field + "\" is missing");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new InvalidSignRequest("\"" + field + "\" must be a string, got " + value);
    }
    return value.asText();
  }

  /** A header's value, its name matched without regard to case; absent means empty. */
  private static String header(JsonNode headers, String name) throws InvalidSignRequest {
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        if (!header.getValue().isTextual()) {
          throw new InvalidSignRequest(
              "header \"" + name + "\" must be a string, got " + header.getValue());
        }
        return header.getValue().asText();
      }
    }
    return "";
  }
}
