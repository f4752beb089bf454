package dev.xhsopenapi.sdk.internal;

import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.RetryPolicy;
import dev.xhsopenapi.sdk.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends requests to the gateway: paced from the rate-limit headers, retried as {@link RetryLadder}
 * decides, each answer and wait reported to the {@link EventListener}. A request that is not
 * idempotent (one that creates something) is retried only after a 429, which the gateway answers
 * before doing anything.
 */
public final class Transport implements AutoCloseable {
  /** What every request accepts unless it says otherwise: the API answers JSON. */
  public static final String JSON = "application/json";

  private static final String USER_AGENT = "xhs-openapi-java/0.1.0";

  private final HttpClient http;
  private final String baseUrl;
  private final String authorization;
  private final Duration readTimeout;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final EventListener listener;
  private final Pacer pacer;

  /** Creates a transport; {@code baseUrl} has no trailing slash. */
  public Transport(
      String baseUrl,
      String apiKey,
      Duration connectTimeout,
      Duration readTimeout,
      RetryPolicy policy,
      Clock clock,
      Sleeper sleeper,
      EventListener listener) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.baseUrl = baseUrl;
    this.authorization = "Bearer " + apiKey;
    this.readTimeout = readTimeout;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.pacer = new Pacer(clock);
  }

  /** The pacer, which knows the latest rate-limit state. */
  public Pacer pacer() {
    return pacer;
  }

  /**
   * GETs {@code path} with {@code query}, retrying as the policy allows.
   *
   * @return the last answer: a success, or a failure that is not retried (or out of attempts)
   * @throws IOException when no answer came at the last attempt
   * @throws InterruptedException when interrupted while waiting or calling
   */
  public Answer get(String path, Map<String, String> query)
      throws IOException, InterruptedException {
    return send("GET", path, query, null, true);
  }

  /**
   * Sends one request, retrying as the policy allows.
   *
   * @param method {@code GET}, {@code POST} or {@code DELETE}
   * @param path the path, such as {@code /openapi/v1/watches}
   * @param query query parameters, sent in the map's order
   * @param json the JSON body, sent as {@code application/json}; null for none
   * @param idempotent whether sending the request twice does no more than sending it once; when
   *     false, only a 429 is retried (no answer and a 5xx may come after the request took effect)
   * @return the last answer: a success, or a failure that is not retried (or out of attempts)
   * @throws IOException when no answer came at the last attempt
   * @throws InterruptedException when interrupted while waiting or calling
   */
  public Answer send(
      String method, String path, Map<String, String> query, byte[] json, boolean idempotent)
      throws IOException, InterruptedException {
    return send(method, path, query, json, idempotent, JSON);
  }

  /**
   * Sends one request asking for {@code accept}, retrying as the policy allows; see {@link
   * #send(String, String, Map, byte[], boolean)}.
   *
   * @param accept the {@code Accept} header, such as {@code text/csv, application/json;q=0.5}
   */
  public Answer send(
      String method,
      String path,
      Map<String, String> query,
      byte[] json,
      boolean idempotent,
      String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path + queryString(query)))
            .timeout(readTimeout)
            .header("Authorization", authorization)
            .header("Accept", accept)
            .header("User-Agent", USER_AGENT);
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    HttpRequest request =
        builder
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    for (int attempt = 1; ; attempt++) {
      Pacer.Ticket ticket = pacer.acquire(sleeper, listener);
      Answer answer;
      try {
        answer = new Answer(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), clock);
      } catch (IOException e) {
        pacer.report(ticket, null);
        listener.failed(path, e);
        RetryLadder.Retry retry =
            idempotent
                ? RetryLadder.decide(0, Duration.ZERO, attempt, policy, ThreadLocalRandom.current())
                : null;
        if (retry == null) {
          throw e;
        }
        await(retry);
        continue;
      } catch (InterruptedException e) {
        pacer.report(ticket, null);
        throw e;
      }
      pacer.report(ticket, answer.rateLimit());
      listener.answered(path, answer.status(), answer.requestId(), answer.rateLimit());
      RetryLadder.Retry retry =
          idempotent || answer.status() == 429
              ? RetryLadder.decide(
                  answer.status(),
                  answer.retryAfter(),
                  attempt,
                  policy,
                  ThreadLocalRandom.current())
              : null;
      if (retry == null) {
        return answer;
      }
      await(retry);
    }
  }

  private void await(RetryLadder.Retry retry) throws InterruptedException {
    listener.waiting(retry.delay(), retry.reason());
    if (retry.delay().isPositive()) {
      sleeper.sleep(retry.delay());
    }
  }

  private static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner out = new StringJoiner("&", "?", "");
    query.forEach(
        (name, value) ->
            out.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return out.toString();
  }

  /** Closes the HTTP client after its exchanges end. */
  @Override
  public void close() {
    http.close();
  }
}
