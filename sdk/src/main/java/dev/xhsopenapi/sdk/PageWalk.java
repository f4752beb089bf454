package dev.xhsopenapi.sdk;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks the pages of a list from a cursor (a user's notes, a search, a feed, a watch's events),
 * fetching each only when asked for. It ends after the page that says no more follow. A page that
 * says more follow but cannot be followed (a cursor already asked with, no cursor, or the last of
 * too many empty pages in a row) is still handed out; the call after it throws {@link
 * IncompleteWalkException}, and so does every later one.
 *
 * @param <P> the page type
 */
final class PageWalk<P> implements Iterator<P> {

  /** What a walk that cannot go on throws, from where it stands. */
  @FunctionalInterface
  interface Incomplete<P> {
    IncompleteWalkException at(
        IncompleteWalkException.Reason reason, String cursor, long pages, long items, P page);
  }

  private final Function<String, P> fetch;
  private final ToIntFunction<P> size;
  private final Function<P, String> nextCursor;
  private final Predicate<P> hasMore;
  private final Incomplete<P> incomplete;
  private final int maxEmptyPages;
  private final Set<String> cursors = new HashSet<>();
  private String cursor;
  private boolean ended;
  private P next;
  private IncompleteWalkException stuck;
  private long pages;
  private long items;
  private int emptyInARow;
  private String firstEmptyCursor;

  private PageWalk(
      Function<String, P> fetch,
      ToIntFunction<P> size,
      Function<P, String> nextCursor,
      Predicate<P> hasMore,
      Incomplete<P> incomplete,
      String cursor,
      int maxEmptyPages) {
    this.fetch = fetch;
    this.size = size;
    this.nextCursor = nextCursor;
    this.hasMore = hasMore;
    this.incomplete = incomplete;
    this.cursor = cursor;
    this.maxEmptyPages = maxEmptyPages;
    cursors.add(cursor);
  }

  /**
   * The walk of one user's notes (App or web series).
   *
   * @param fetch the page a cursor asks for
   * @param cursor where to start ({@code ""}: the first page)
   */
  static PageWalk<NotesPage> notes(
      String userId, Function<String, NotesPage> fetch, String cursor, int maxEmptyPages) {
    return new PageWalk<>(
        fetch,
        p -> p.notes().size(),
        NotesPage::cursor,
        NotesPage::hasMore,
        (reason, at, pages, notes, page) ->
            new IncompleteWalkException(userId, at, pages, notes, reason, page.requestId()),
        cursor,
        maxEmptyPages);
  }

  /**
   * The walk of another list.
   *
   * @param subject what is walked, for messages (such as {@code the search for "露营"})
   * @param fetch the page a cursor asks for
   * @param cursor where to start
   */
  static <T> PageWalk<Page<T>> items(
      String subject, Function<String, Page<T>> fetch, String cursor, int maxEmptyPages) {
    return new PageWalk<>(
        fetch,
        p -> p.items().size(),
        Page::cursor,
        Page::hasMore,
        (reason, at, pages, items, page) ->
            IncompleteWalkException.ofList(subject, at, pages, items, reason, page.requestId()),
        cursor,
        maxEmptyPages);
  }

  /**
   * The events of one watch from {@code after} on ({@code ""}: from the first); a page with no
   * {@code next} is the last.
   *
   * @param fetch the page that follows an event id ({@code ""}: the first page)
   */
  static PageWalk<EventsPage> events(
      String watchId, Function<String, EventsPage> fetch, String after, int maxEmptyPages) {
    return new PageWalk<>(
        fetch,
        p -> p.events().size(),
        p -> p.next().orElse(""),
        p -> p.next().isPresent(),
        (reason, at, pages, items, page) ->
            IncompleteWalkException.ofList(
                "the events of watch " + watchId, at, pages, items, reason, page.requestId()),
        after,
        maxEmptyPages);
  }

  /**
   * A walk as a lazy sequential stream: each page is fetched when the stream reaches it.
   *
   * @param walk the walk
   * @return the stream of its pages
   */
  static <P> Stream<P> stream(Iterator<P> walk) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !ended) {
      if (stuck != null) {
        throw stuck;
      }
      next = fetch.apply(cursor);
      pages++;
      items += size.applyAsInt(next);
      advance(next);
    }
    return next != null;
  }

  @Override
  public P next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the walk has ended");
    }
    P page = next;
    next = null;
    return page;
  }

  private void advance(P page) {
    if (!hasMore.test(page)) {
      ended = true;
      return;
    }
    String following = nextCursor.apply(page);
    if (following.isEmpty()) {
      stuck =
          incomplete.at(IncompleteWalkException.Reason.MISSING_CURSOR, cursor, pages, items, page);
      return;
    }
    // A cursor asked with before would repeat requests already made, and paid for, in a loop.
    if (!cursors.add(following)) {
      stuck =
          incomplete.at(IncompleteWalkException.Reason.REPEATED_CURSOR, cursor, pages, items, page);
      return;
    }
    if (size.applyAsInt(page) == 0) {
      if (emptyInARow++ == 0) {
        firstEmptyCursor = cursor;
      }
      if (emptyInARow >= maxEmptyPages) {
        stuck =
            incomplete.at(
                IncompleteWalkException.Reason.EMPTY_PAGES, firstEmptyCursor, pages, items, page);
        return;
      }
    } else {
      emptyInARow = 0;
    }
    cursor = following;
  }
}
