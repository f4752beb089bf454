package dev.xhsopenapi.sdk.internal;

import dev.xhsopenapi.sdk.RateLimit;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/** The gateway's answer to one request, with the headers the client acts on. */
public final class Answer {
  private final int status;
  private final String requestId;
  private final RateLimit rateLimit;
  private final Duration retryAfter;
  private final String cache;
  private final OptionalLong creditsCharged;
  private final OptionalLong creditsRemaining;
  private final byte[] body;

  Answer(HttpResponse<byte[]> response, Clock clock) {
    HttpHeaders headers = response.headers();
    this.status = response.statusCode();
    this.requestId = headers.firstValue("X-Request-Id").orElse(null);
    this.rateLimit = RateLimitHeaders.parse(headers, clock);
    this.retryAfter = RateLimitHeaders.retryAfter(headers, clock);
    this.cache = headers.firstValue("X-Cache").orElse(null);
    this.creditsCharged = RateLimitHeaders.number(headers.firstValue("X-Credits-Charged"));
    this.creditsRemaining = RateLimitHeaders.number(headers.firstValue("X-Credits-Remaining"));
    this.body = response.body() == null ? new byte[0] : response.body();
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The {@code X-Request-Id} header, or null. */
  public String requestId() {
    return requestId;
  }

  /** The rate-limit state the answer reported, or null. */
  public RateLimit rateLimit() {
    return rateLimit;
  }

  /** The {@code Retry-After} wait, {@link Duration#ZERO} when absent. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The {@code X-Cache} header ({@code HIT}, {@code MISS}, {@code STALE}), or null. */
  public String cache() {
    return cache;
  }

  /** The {@code X-Credits-Charged} header, empty when absent or not a whole number. */
  public OptionalLong creditsCharged() {
    return creditsCharged;
  }

  /** The {@code X-Credits-Remaining} header, empty when absent or not a whole number. */
  public OptionalLong creditsRemaining() {
    return creditsRemaining;
  }

  /** The body bytes; the caller must not change them. */
  public byte[] body() {
    return body;
  }

  /** The first characters of the body, for messages about bodies that are not what was expected. */
  public String bodySnippet() {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
