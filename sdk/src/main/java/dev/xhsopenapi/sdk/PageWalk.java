package dev.xhsopenapi.sdk;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks the pages of a list from a cursor, fetching each only when asked for, with the rules of the
 * notes walk ({@link NotesWalk}): it ends after the page that says no more follow; a page that says
 * more follow but cannot be followed (a cursor already asked with, no cursor, or the last of too
 * many empty pages in a row) is still handed out, and the call after it throws {@link
 * IncompleteWalkException}.
 *
 * @param <T> the item view
 */
final class PageWalk<T> implements Iterator<Page<T>> {
  private final String subject;
  private final Function<String, Page<T>> fetch;
  private final int maxEmptyPages;
  private final Set<String> cursors = new HashSet<>();
  private String cursor;
  private boolean ended;
  private Page<T> next;
  private IncompleteWalkException stuck;
  private long pages;
  private long items;
  private int emptyInARow;
  private String firstEmptyCursor;

  /**
   * Creates a walk.
   *
   * @param subject what is walked, for messages (such as {@code search for "露营"})
   * @param fetch the page a cursor asks for
   * @param cursor where to start
   */
  PageWalk(String subject, Function<String, Page<T>> fetch, String cursor, int maxEmptyPages) {
    this.subject = subject;
    this.fetch = fetch;
    this.cursor = cursor;
    this.maxEmptyPages = maxEmptyPages;
    cursors.add(cursor);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !ended) {
      if (stuck != null) {
        throw stuck;
      }
      next = fetch.apply(cursor);
      pages++;
      items += next.items().size();
      advance(next);
    }
    return next != null;
  }

  @Override
  public Page<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the walk of " + subject + " has ended");
    }
    Page<T> page = next;
    next = null;
    return page;
  }

  private void advance(Page<T> page) {
    if (!page.hasMore()) {
      ended = true;
      return;
    }
    if (page.cursor().isEmpty()) {
      stuck = incomplete(IncompleteWalkException.Reason.MISSING_CURSOR, cursor, page);
      return;
    }
    // A cursor asked with before would repeat requests already made, and paid for, in a loop.
    if (!cursors.add(page.cursor())) {
      stuck = incomplete(IncompleteWalkException.Reason.REPEATED_CURSOR, cursor, page);
      return;
    }
    if (page.items().isEmpty()) {
      if (emptyInARow++ == 0) {
        firstEmptyCursor = cursor;
      }
      if (emptyInARow >= maxEmptyPages) {
        stuck = incomplete(IncompleteWalkException.Reason.EMPTY_PAGES, firstEmptyCursor, page);
        return;
      }
    } else {
      emptyInARow = 0;
    }
    cursor = page.cursor();
  }

  private IncompleteWalkException incomplete(
      IncompleteWalkException.Reason reason, String at, Page<T> page) {
    return IncompleteWalkException.ofList(subject, at, pages, items, reason, page.requestId());
  }
}
