package dev.xhsopenapi.sdk;

import dev.xhsopenapi.sdk.internal.Answer;
import dev.xhsopenapi.sdk.internal.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;

/**
 * Sends the client's requests through its {@link Transport} and turns a missing answer or an
 * interrupt into {@link NetworkException}; shared by {@link XhsOpenApiClient} and {@link Watches}
 * so that every call is paced, retried and reported the same way.
 */
final class Caller {
  private final Transport transport;
  private final String baseUrl;
  private final RetryPolicy retryPolicy;
  private final int maxEmptyPages;

  Caller(Transport transport, String baseUrl, RetryPolicy retryPolicy, int maxEmptyPages) {
    this.transport = transport;
    this.baseUrl = baseUrl;
    this.retryPolicy = retryPolicy;
    this.maxEmptyPages = maxEmptyPages;
  }

  /** How many pages in a row a walk accepts with nothing in them while more are said to follow. */
  int maxEmptyPages() {
    return maxEmptyPages;
  }

  /**
   * GETs {@code path} with {@code query}.
   *
   * @return the answer, whatever its status
   * @throws NetworkException when no answer came through every retry, or the thread was interrupted
   */
  Answer get(String path, Map<String, String> query) {
    return send("GET", path, query, null, true);
  }

  /**
   * Sends a request.
   *
   * @param json the JSON body, or null for none
   * @param idempotent false for a request that creates something: only a 429 is then retried
   * @return the answer, whatever its status
   * @throws NetworkException when no answer came through every retry, or the thread was interrupted
   */
  Answer send(
      String method, String path, Map<String, String> query, byte[] json, boolean idempotent) {
    return send(method, path, query, json, idempotent, Transport.JSON);
  }

  /**
   * GETs {@code path} with {@code query}, asking for {@code accept} (the errors still come as
   * JSON).
   *
   * @return the answer, whatever its status
   * @throws NetworkException when no answer came through every retry, or the thread was interrupted
   */
  Answer get(String path, Map<String, String> query, String accept) {
    return send("GET", path, query, null, true, accept);
  }

  private Answer send(
      String method,
      String path,
      Map<String, String> query,
      byte[] json,
      boolean idempotent,
      String accept) {
    try {
      return transport.send(method, path, query, json, idempotent, accept);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(
          "interrupted while calling " + baseUrl + path,
          new InterruptedIOException("interrupted"),
          true);
    } catch (IOException e) {
      throw new NetworkException(
          "no answer from "
              + baseUrl
              + path
              + " after "
              + (idempotent ? retryPolicy.maxAttempts() : 1)
              + " attempt(s): "
              + e,
          e,
          false);
    }
  }
}
