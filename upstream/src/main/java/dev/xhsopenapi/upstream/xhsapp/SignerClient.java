package dev.xhsopenapi.upstream.xhsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.upstream.http.SourceHttp;
import java.io.IOException;
import java.net.URI;
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
  private final SourceHttp http;
  private final ObjectMapper json;
  private final Duration timeout;

  SignerClient(URI url, SourceHttp http, ObjectMapper json, Duration timeout) {
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
    SourceHttp.Reply response;
    try {
      response =
          http.post(
              url.toString(),
              Map.of("Content-Type", "application/json"),
              json.writeValueAsBytes(body),
              timeout,
              null);
    } catch (IOException e) {
      if (Thread.interrupted()) {
        // An interrupt closes the socket a virtual thread is blocked on: the signer is not down.
        throw new InterruptedException("interrupted while calling the signer");
      }
      throw new SignerException("the signer at " + url + " cannot be reached: " + e, e);
    }
    if (response.status() != 200) {
      throw new SignerException(
          "the signer at " + url + " answered HTTP " + response.status(), null);
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
