package dev.xhsopenapi.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of the admin API ({@code /admin/v1}). It lives in the CLI, not in the SDK: the SDK is
 * what customers embed, and the admin token must never be a customer's concern.
 */
final class AdminClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String baseUrl;
  private final String token;

  AdminClient(String baseUrl, String token) {
    this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
    this.token = token;
  }

  /** An answer of the admin API: its status, its body as sent, and the body as JSON (or null). */
  record Reply(int status, String body, JsonNode json) {}

  /**
   * Sends one admin request.
   *
   * @param body serialised as JSON, or null for none
   * @return a 2xx answer
   * @throws AdminException for any other answer, with the server's message and request id
   * @throws IOException when no answer came
   */
  Reply send(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode json = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw AdminException.of(
          response.statusCode(),
          json,
          response.body(),
          response.headers().firstValue("X-Request-Id").orElse(null));
    }
    return new Reply(response.statusCode(), response.body(), json);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
