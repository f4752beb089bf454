package dev.xhsopenapi.sdk;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A walk of a user's pages that cannot go on although the server says more pages follow ({@code
 * has_more:true}): every answer was a success, but following them would ask for pages already had
 * or for nothing at all. Thrown by the streams of {@link XhsOpenApiClient#pages(String, String)}
 * (and the other walks: {@link XhsOpenApiClient#webNotes(String)}, {@link
 * XhsOpenApiClient#searchUsers(String)}, {@link XhsOpenApiClient#hotInspiration()}) and {@link
 * XhsOpenApiClient#notes(String)} after the page that showed it has been handed out, so that no
 * note already paid for is lost.
 *
 * <p>The walk is not complete: notes may be missing. Such a state is often temporary (a source that
 * pages wrongly for a while); continue later from {@link #cursor()} with {@link
 * XhsOpenApiClient#pages(String, String)}. {@link #status()} is 200 (the last answer's), {@link
 * #error()} is {@code incomplete_walk}, {@link #requestId()} is the last page's.
 */
public final class IncompleteWalkException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  /** Why a walk cannot advance. */
  public enum Reason {
    /**
     * The page's {@code cursor} was one this walk had already asked with: following it would fetch
     * (and pay for) pages again, in a loop.
     */
    REPEATED_CURSOR,
    /** The page said {@code has_more:true} but carried an empty or absent {@code cursor}. */
    MISSING_CURSOR,
    /**
     * Too many pages in a row ({@link XhsOpenApiClient.Builder#maxEmptyPages(int)}) held no notes
     * while {@code has_more} stayed true.
     */
    EMPTY_PAGES;

    /**
     * The reason in plain words, for a message.
     *
     * @return such as {@code "the gateway repeated a cursor"}
     */
    public String describe() {
      return switch (this) {
        case REPEATED_CURSOR -> "the gateway sent a cursor this walk had already used";
        case MISSING_CURSOR -> "the gateway said more pages follow but sent no cursor";
        case EMPTY_PAGES -> "the gateway sent only empty pages while saying more follow";
      };
    }
  }

  /** The user walked. */
  private final String userId;

  /** The cursor to ask again to continue. */
  private final String cursor;

  /** Pages this walk read, the last one included. */
  private final long pages;

  /** Notes those pages held. */
  private final long notes;

  /** Why the walk cannot advance. */
  private final Reason reason;

  IncompleteWalkException(
      String userId, String cursor, long pages, long notes, Reason reason, String requestId) {
    this("user " + userId, userId, cursor, pages, notes, "note(s)", reason, requestId);
  }

  /** The walk of a list that is not a user's notes, such as a search; {@link #userId()} is "". */
  static IncompleteWalkException ofList(
      String subject, String cursor, long pages, long items, Reason reason, String requestId) {
    return new IncompleteWalkException(
        subject, "", cursor, pages, items, "item(s)", reason, requestId);
  }

  private IncompleteWalkException(
      String subject,
      String userId,
      String cursor,
      long pages,
      long items,
      String itemsName,
      Reason reason,
      String requestId) {
    super(
        200,
        "incomplete_walk",
        String.format(
            Locale.ROOT,
            "the walk of %s stopped after %d page(s) and %d %s: %s (at cursor '%s');"
                + " %s may be missing, continue from that cursor later",
            subject,
            pages,
            items,
            itemsName,
            reason.describe(),
            cursor,
            itemsName.replace("(s)", "s")),
        requestId,
        Duration.ZERO,
        null);
    this.userId = Objects.requireNonNull(userId, "userId");
    this.cursor = Objects.requireNonNull(cursor, "cursor");
    this.pages = pages;
    this.notes = items;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * The user whose walk stopped.
   *
   * @return the user id asked for, or an empty string for a walk of something else (a search, a
   *     feed)
   */
  public String userId() {
    return userId;
  }

  /**
   * Where to continue: the cursor the walk got stuck at. For {@link Reason#REPEATED_CURSOR} and
   * {@link Reason#MISSING_CURSOR} it is the cursor the page that could not be followed was asked
   * with; for {@link Reason#EMPTY_PAGES} the one the first of the empty pages was asked with, so
   * that notes those pages should have held are asked for again.
   *
   * @return the cursor to pass to {@link XhsOpenApiClient#pages(String, String)}, empty for page 1
   */
  public String cursor() {
    return cursor;
  }

  /**
   * How many pages the walk read, the one that showed the problem included.
   *
   * @return 1 or more
   */
  public long pages() {
    return pages;
  }

  /**
   * How many notes (or items, for a walk of something else) those pages held, as served (one on two
   * pages counts twice).
   *
   * @return 0 or more
   */
  public long notes() {
    return notes;
  }

  /**
   * Why the walk cannot advance.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
