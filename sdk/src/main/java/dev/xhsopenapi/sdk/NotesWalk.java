package dev.xhsopenapi.sdk;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks the pages of one user from a cursor, fetching each page only when asked for. It ends after
 * the page that says {@code has_more:false}. A page that says more follow but cannot be followed (a
 * cursor already asked with, no cursor, or the last of too many empty pages in a row) is still
 * handed out; the call after it throws {@link IncompleteWalkException}, and so does every later
 * one.
 */
final class NotesWalk implements Iterator<NotesPage> {
  private final Function<String, NotesPage> fetch;
  private final String userId;
  private final int maxEmptyPages;
  private final Set<String> cursors = new HashSet<>();
  private String cursor;
  private boolean ended;
  private NotesPage next;
  private IncompleteWalkException stuck;
  private long pages;
  private long notes;
  private int emptyInARow;
  private String firstEmptyCursor;

  /**
   * Creates a walk.
   *
   * @param fetch the page a cursor asks for (App or web series)
   */
  NotesWalk(Function<String, NotesPage> fetch, String userId, String cursor, int maxEmptyPages) {
    this.fetch = fetch;
    this.userId = userId;
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
      notes += next.notes().size();
      advance(next);
    }
    return next != null;
  }

  @Override
  public NotesPage next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the walk of " + userId + " has ended");
    }
    NotesPage page = next;
    next = null;
    return page;
  }

  private void advance(NotesPage page) {
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
    if (page.notes().isEmpty()) {
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
      IncompleteWalkException.Reason reason, String at, NotesPage page) {
    return new IncompleteWalkException(userId, at, pages, notes, reason, page.requestId());
  }
}
