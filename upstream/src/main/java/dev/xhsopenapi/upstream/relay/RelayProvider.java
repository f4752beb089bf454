package dev.xhsopenapi.upstream.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamException.Kind;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Another SpiderHubs/TikHub-compatible API ({@code relay}): its envelope's {@code data} is cut out
 * of the answer byte for byte and passed through; its errors are mapped to ours. It serves {@link
 * Operation#USER_NOTES} at its configured path.
 */
public final class RelayProvider implements UpstreamProvider, AutoCloseable {
  /** The provider's name in configuration. */
  public static final String NAME = "relay";

  private final RelaySettings settings;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Clock clock;

  /** Creates the provider. */
  public RelayProvider(RelaySettings settings, ObjectMapper json, Clock clock) {
    this.settings = settings;
    this.json = json;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Stops the HTTP client. */
  @Override
  public void close() {
    http.shutdownNow();
  }

  @Override
  public Set<Operation> operations() {
    return Set.of(Operation.USER_NOTES);
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    if (request.operation() != Operation.USER_NOTES) {
      throw new IllegalArgumentException(NAME + " does not serve " + request.operation());
    }
    Duration left = Duration.between(clock.instant(), call.deadline());
    Duration timeout = left.compareTo(settings.timeout()) < 0 ? left : settings.timeout();
    if (!timeout.isPositive()) {
      throw new UpstreamException(Kind.TIMEOUT, NAME, "no time left in the budget");
    }
    URI uri =
        URI.create(
            settings.baseUrl().toString().replaceAll("/+$", "")
                + settings.path()
                + "?user_id="
                + URLEncoder.encode(request.text("user_id"), StandardCharsets.UTF_8)
                + "&cursor="
                + URLEncoder.encode(request.cursor(), StandardCharsets.UTF_8));
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("Authorization", "Bearer " + settings.apiKey())
                  .header("X-Upstream-Request-Id", call.requestId())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new UpstreamException(
          Kind.TIMEOUT, NAME, "the relay did not answer in " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new UpstreamException(Kind.UNAVAILABLE, NAME, "the relay cannot be reached: " + e, e);
    }
    return read(response.statusCode(), response.body());
  }

  private UpstreamAnswer read(int status, byte[] body) throws UpstreamException {
    if (status == 200) {
      return new UpstreamAnswer.Data(NAME, data(body));
    }
    String error = errorOf(body);
    return switch (status) {
      case 404 -> {
        if ("user_not_found".equals(error)) {
          yield new UpstreamAnswer.NotFound(NAME);
        }
        throw new UpstreamException(
            Kind.UNUSABLE, NAME, "the relay has no such endpoint (HTTP 404 " + error + ")");
      }
      case 401, 402, 403, 429 ->
          throw new UpstreamException(
              Kind.UNAVAILABLE,
              NAME,
              "the relay refused our account (HTTP " + status + " " + error + ")");
      case 503 -> throw new UpstreamException(Kind.UNAVAILABLE, NAME, "the relay is unavailable");
      case 504 -> throw new UpstreamException(Kind.TIMEOUT, NAME, "the relay timed out upstream");
      default ->
          throw new UpstreamException(
              Kind.UNUSABLE, NAME, "the relay answered HTTP " + status + " " + error);
    };
  }

  /**
   * The bytes of the envelope's {@code data} value, exactly as sent: cut out of the answer rather
   * than re-serialised, so that nothing in it is reordered or lost.
   */
  static byte[] data(byte[] body) throws UpstreamException {
    try (JsonParser p = new JsonFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw unusable("the relay's answer is not a JSON object");
      }
      int code = 0;
      byte[] data = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(field)) {
          int start = (int) p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          int end = (int) p.currentLocation().getByteOffset();
          data = value == JsonToken.VALUE_NULL ? null : Arrays.copyOfRange(body, start, end);
        } else if ("code".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
          code = p.getIntValue();
        } else {
          p.skipChildren();
        }
      }
      if (code != 200 || data == null || data.length == 0 || data[0] != '{') {
        throw unusable("the relay's answer has code " + code + " and no data object");
      }
      return data;
    } catch (IOException e) {
      throw new UpstreamException(Kind.UNUSABLE, NAME, "the relay's answer is not valid JSON", e);
    }
  }

  private String errorOf(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      return root == null ? "" : root.path("error").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static UpstreamException unusable(String message) {
    return new UpstreamException(Kind.UNUSABLE, NAME, message);
  }
}
