package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a user's notes: the typed notes, where the next page starts, and the evidence of the
 * call (request id, rate-limit state, cache), with the upstream body untouched.
 */
public final class NotesPage {
  private final String userId;
  private final List<Note> notes;
  private final String cursor;
  private final boolean hasMore;
  private final String requestId;
  private final RateLimit rateLimit;
  private final String cache;
  private final JsonNode data;
  private final OptionalLong creditsCharged;
  private final OptionalLong creditsRemaining;

  NotesPage(
      String userId,
      List<Note> notes,
      String cursor,
      boolean hasMore,
      String requestId,
      RateLimit rateLimit,
      String cache,
      JsonNode data,
      OptionalLong creditsCharged,
      OptionalLong creditsRemaining) {
    this.userId = userId;
    this.notes = List.copyOf(notes);
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
   * The user whose notes these are.
   *
   * @return the user id asked for
   */
  public String userId() {
    return userId;
  }

  /**
   * The notes of the page, in the order served (pinned ones first on page 1).
   *
   * @return an immutable list, empty when the page is
   */
  public List<Note> notes() {
    return notes;
  }

  /**
   * What to pass as {@code cursor} for the next page ({@code data.data.cursor}).
   *
   * @return the cursor, or an empty string when the page has none
   */
  public String cursor() {
    return cursor;
  }

  /**
   * Whether more pages follow ({@code data.data.has_more}).
   *
   * @return false on the last page
   */
  public boolean hasMore() {
    return hasMore;
  }

  /**
   * Whether no page can be asked for after this one: {@code has_more} is false, or the page has no
   * cursor to continue from. When {@link #hasMore()} is still true then, the walk is incomplete
   * (see {@link IncompleteWalkException}). An empty page with a cursor is not the last one.
   *
   * @return true when no page can be asked for after this one
   */
  public boolean last() {
    return !hasMore || cursor.isEmpty();
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
   * The upstream App body, the envelope's {@code data}, exactly as received: {@code
   * {"code":0,"success":true,"msg":…,"data":{"notes":[…],"cursor":…,"has_more":…}}}, the notes
   * array named {@code notes} or {@code note_list}.
   *
   * @return the JSON; do not change it, the notes are views of it
   */
  public JsonNode data() {
    return data;
  }

  @Override
  public String toString() {
    return "NotesPage["
        + userId
        + ", "
        + notes.size()
        + " notes, cursor "
        + cursor
        + ", hasMore "
        + hasMore
        + "]";
  }
}
