package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a list other than a user's App notes (search results, a feed): the typed items, where
 * the next page starts, whether more follow, and the evidence of the call, with the source's body
 * untouched.
 *
 * @param <T> the item view, such as {@link User}, {@link Note} or {@link Inspiration}
 */
public final class Page<T> {
  private final List<T> items;
  private final String cursor;
  private final boolean hasMore;
  private final String requestId;
  private final RateLimit rateLimit;
  private final String cache;
  private final JsonNode data;
  private final OptionalLong creditsCharged;
  private final OptionalLong creditsRemaining;

  Page(
      List<T> items,
      String cursor,
      boolean hasMore,
      String requestId,
      RateLimit rateLimit,
      String cache,
      JsonNode data,
      OptionalLong creditsCharged,
      OptionalLong creditsRemaining) {
    this.items = List.copyOf(items);
    this.cursor = cursor;
    this.hasMore = hasMore;
    this.requestId = requestId;
    this.rateLimit = rateLimit;
    this.cache = cache;
    this.data = data;
    this.creditsCharged = creditsCharged;
    this.creditsRemaining = creditsRemaining;
  }

  /**
   * The items of the page, in the order served.
   *
   * @return an immutable list, empty when the page is
   */
  public List<T> items() {
    return items;
  }

  /**
   * Where the next page starts: the {@code cursor} (hot inspiration), {@code cursor_score} (home
   * feed) or next page number (user search) to ask with.
   *
   * @return the cursor, or an empty string when the page has none
   */
  public String cursor() {
    return cursor;
  }

  /**
   * Whether more pages follow, as the body says ({@code has_more}, or no {@code end_flag}).
   *
   * @return false on the last page
   */
  public boolean hasMore() {
    return hasMore;
  }

  /**
   * The gateway's id of this call, to quote to its operator.
   *
   * @return the {@code request_id}
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
   * Whether the gateway served the page from its cache ({@code X-Cache}).
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

  /**
   * The source's body, the envelope's {@code data}, exactly as received.
   *
   * @return the JSON; do not change it, the items are views of it
   */
  public JsonNode data() {
    return data;
  }

  @Override
  public String toString() {
    return "Page[" + items.size() + " items, cursor " + cursor + ", hasMore " + hasMore + "]";
  }
}
