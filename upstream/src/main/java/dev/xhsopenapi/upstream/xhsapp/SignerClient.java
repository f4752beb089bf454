package dev.xhsopenapi.upstream.xhsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks the external sign service for the App's signature headers: {@code POST signer-url} with
 * {@code {"method","path","query","headers":{"xy-common-params","xy-platform-info"},"body"}},
 * answered with {@code {"headers":{"shield":…,…}}}.
 */
final class SignerClient {
  private final URI url;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  SignerClient(URI url, HttpClient http, ObjectMapper json, Duration timeout) {
    this.url = url;
    this.http = http;
    this.json = json;
    this.timeout = timeout;
  }

  /** The headers to add to the request. */
  Map<String, String> sign(AppRequest request) throws SignerException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("method", "GET");
    body.put("path", request.path());
    body.put("query", request.query());
    ObjectNode headers = body.putObject("headers");
    headers.put("xy-common-params", request.commonParams());
    headers.put("xy-platform-info", request.platformInfo());
    body.put("body", "");
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SignerException("the signer at " + url + " cannot be reached: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new SignerException(
          "the signer at " + url + " answered HTTP " + response.statusCode(), null);
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException e) {
      throw new SignerException("the signer at " + url + " answered something that is not JSON", e);
    }
    JsonNode signed = answer == null ? null : answer.get("headers");
    if (signed == null || !signed.isObject() || signed.isEmpty()) {
      throw new SignerException("the signer at " + url + " answered without headers", null);
    }
    Map<String, String> out = new LinkedHashMap<>();
    signed.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The signer failed; no session can call until it is back. */
  static final class SignerException extends Exception {
    private static final long serialVersionUID = 1L;

    SignerException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
