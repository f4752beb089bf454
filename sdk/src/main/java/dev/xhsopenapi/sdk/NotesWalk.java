package dev.xhsopenapi.sdk;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Walks the pages of one user from a cursor, fetching each page only when asked for, and stops on
 * the last page, on an empty page, or on a cursor seen before.
 */
final class NotesWalk implements Iterator<NotesPage> {
  private final XhsOpenApiClient client;
  private final String userId;
  private final Set<String> cursors = new HashSet<>();
  private String cursor;
  private boolean ended;
  private NotesPage next;

  NotesWalk(XhsOpenApiClient client, String userId, String cursor) {
    this.client = client;
    this.userId = userId;
    this.cursor = cursor;
    if (!cursor.isEmpty()) {
      cursors.add(cursor);
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !ended) {
      next = client.page(userId, cursor);
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
    // The server says this is the last page, or an empty page or one without a cursor would
    // have the walk ask for the same page forever.
    if (page.last()) {
      ended = true;
      return;
    }
    // A cursor seen before would repeat requests already made.
    if (!cursors.add(page.cursor())) {
      ended = true;
      return;
    }
    cursor = page.cursor();
  }
}
