package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A success answer of any endpoint, untyped: the whole envelope {@code
 * {"code":200,"request_id":…,"data":…}} as received, with the evidence of the call. What {@link
 * XhsOpenApiClient#call(Endpoint, java.util.Map)} returns.
 */
public final class Envelope {
  private final JsonNode json;
  private final String requestId;
  private final RateLimit rateLimit;
  private final String cache;
  private final OptionalLong creditsCharged;
  private final OptionalLong creditsRemaining;

  Envelope(
      JsonNode json,
      String requestId,
      RateLimit rateLimit,
      String cache,
      OptionalLong creditsCharged,
      OptionalLong creditsRemaining) {
    this.json = json;
    this.requestId = requestId;
    this.rateLimit = rateLimit;
    this.cache = cache;
    this.creditsCharged = creditsCharged;
    this.creditsRemaining = creditsRemaining;
  }

  /**
   * The whole envelope, field order and decimals as received.
   *
   * @return the JSON object; do not change it
   */
  public JsonNode json() {
    return json;
  }

  /**
   * The source's body, the envelope's {@code data}.
   *
   * @return the JSON, a missing node when the envelope has none
   */
  public JsonNode data() {
    return json.path("data");
  }

  /**
   * The gateway's id of this call.
   *
   * @return the {@code request_id}, or null when the answer had none
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The account's rate-limit state after this call.
   *
   * @return the state, or empty when the server sent no rate-limit headers
   */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * Whether the gateway served the answer from its cache ({@code X-Cache}).
   *
   * @return {@code HIT}, {@code MISS} or {@code STALE}, or empty when the server did not say
   */
  public Optional<String> cache() {
    return Optional.ofNullable(cache);
  }

  /**
   * The credits this call cost, from the {@code X-Credits-Charged} header.
   *
   * @return the credits, or empty when the server did not say (a gateway without billing headers)
   */
  public OptionalLong creditsCharged() {
    return creditsCharged;
  }

  /**
   * The account's balance right after this call was charged, from the {@code X-Credits-Remaining}
   * header.
   *
   * @return the credits left, or empty when the server did not say
   */
  public OptionalLong creditsRemaining() {
    return creditsRemaining;
  }

  @Override
  public String toString() {
    return "Envelope[request_id " + requestId + "]";
  }
}
