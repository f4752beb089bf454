package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.sdk.IncompleteWalkException;
import dev.xhsopenapi.sdk.NotFoundException;
import dev.xhsopenapi.sdk.Note;
import dev.xhsopenapi.sdk.NotesPage;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Walks the users of a checkpoint page by page, writes each page's new notes, then saves the
 * checkpoint: records first, made durable, then the checkpoint that claims them.
 */
final class Export {
  private final XhsOpenApiClient client;
  private final Sink sink;
  private final RecordFormat format;
  private final CheckpointFile checkpoints;
  private final Progress progress;
  private final String since;
  private final int maxPages;
  private final boolean tagUsers;
  private final BooleanSupplier stopRequested;

  /** How a run ended, and the state it left. */
  enum End {
    /** Every user is walked and the output is complete. */
    DONE,
    /** {@code --max-pages} pages were written; {@code --resume} continues. */
    PAGE_BUDGET,
    /** A stop was asked for between pages. */
    STOPPED,
    /**
     * A user's pages could not be followed to the end although every answer was a success; the
     * checkpoint continues that user where it got stuck, and the users after it are not walked.
     */
    INCOMPLETE
  }

  /**
   * The end of a run and its last checkpoint.
   *
   * @param incomplete why the walk stopped, for {@link End#INCOMPLETE}; null otherwise
   */
  record Result(End end, Checkpoint checkpoint, IncompleteWalkException incomplete) {
    Result(End end, Checkpoint checkpoint) {
      this(end, checkpoint, null);
    }
  }

  /**
   * Creates an export.
   *
   * @param checkpoints where to save progress, or null when writing to standard output
   * @param since stop each user at the first unpinned note with an id at or below it; null: never
   * @param maxPages most pages in this run; 0: no limit
   * @param tagUsers whether JSON records get a {@code user_id} field
   */
  Export(
      XhsOpenApiClient client,
      Sink sink,
      RecordFormat format,
      CheckpointFile checkpoints,
      Progress progress,
      String since,
      int maxPages,
      boolean tagUsers,
      BooleanSupplier stopRequested) {
    this.client = client;
    this.sink = sink;
    this.format = format;
    this.checkpoints = checkpoints;
    this.progress = progress;
    this.since = since;
    this.maxPages = maxPages;
    this.tagUsers = tagUsers;
    this.stopRequested = stopRequested;
  }

  /**
   * Runs from {@code start} until every user is walked, the page budget is spent, a stop is asked
   * for, or a user's pages cannot be followed ({@link End#INCOMPLETE}). Failures of the gateway are
   * thrown as the SDK's exceptions, with the last checkpoint saved.
   */
  Result run(Checkpoint start) throws IOException {
    Checkpoint cp = start;
    int pagesThisRun = 0;
    while (cp.userIndex() < cp.users().size()) {
      String user = cp.users().get(cp.userIndex());
      progress.user(user, cp.userIndex(), cp.users().size());
      Set<String> seen = new LinkedHashSet<>(cp.seen());
      // The cursors asked with in this walk: a page pointing back at one of them is not followed.
      Set<String> asked = new HashSet<>();
      String cursor = cp.cursor();
      asked.add(cursor);
      Iterator<NotesPage> pages = client.pages(user, cursor).iterator();
      try {
        boolean userDone = false;
        while (!userDone) {
          if (stopRequested.getAsBoolean()) {
            return new Result(End.STOPPED, cp);
          }
          if (maxPages > 0 && pagesThisRun >= maxPages) {
            return new Result(End.PAGE_BUDGET, cp);
          }
          if (!pages.hasNext()) {
            break;
          }
          NotesPage page = pages.next();
          pagesThisRun++;
          Batch batch = batch(page, user, seen, cp.records());
          sink.write(batch.bytes());
          sink.commit();
          // A page that claims more without a usable cursor is continued from the cursor it was
          // asked with, never from page 1 or from a page already had.
          boolean usable = !page.cursor().isEmpty() && asked.add(page.cursor());
          String next = page.hasMore() && !usable ? cursor : page.cursor();
          cp = cp.afterPage(next, seen, batch.count(), sink.length());
          save(cp);
          progress.page(batch.count());
          cursor = next;
          userDone = batch.reachedSince() || !page.hasMore();
        }
      } catch (NotFoundException e) {
        if (!"user_not_found".equals(e.error())) {
          throw e;
        }
        progress.notice(
            "user " + user + " does not exist on Xiaohongshu (request " + e.requestId() + ")");
        cp = cp.userNotFound();
      } catch (IncompleteWalkException e) {
        cp = cp.continueFrom(e.cursor());
        save(cp);
        return new Result(End.INCOMPLETE, cp, e);
      }
      cp = cp.nextUser();
      save(cp);
    }
    sink.write(format.tail());
    sink.commit();
    cp = cp.finished(sink.length());
    save(cp);
    return new Result(End.DONE, cp);
  }

  /** The records of a page's notes not written before, up to the {@code --since} note. */
  private Batch batch(NotesPage page, String user, Set<String> seen, long written) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    int count = 0;
    for (Note note : page.notes()) {
      boolean old = since != null && note.id().compareTo(since) <= 0;
      // Pinned notes come first whatever their age: an old one is skipped, it does not end the
      // walk.
      if (old && !note.pinned()) {
        return new Batch(out.toByteArray(), count, true);
      }
      if (old || !seen.add(note.id())) {
        continue;
      }
      out.writeBytes(format.record(note, user, tagUsers, written + count == 0));
      count++;
    }
    return new Batch(out.toByteArray(), count, false);
  }

  private void save(Checkpoint cp) throws IOException {
    if (checkpoints != null) {
      checkpoints.save(cp);
    }
  }

  /** The records of one page, and whether they end at the {@code --since} note. */
  private static final class Batch {
    private final byte[] bytes;
    private final int count;
    private final boolean reachedSince;

    Batch(byte[] bytes, int count, boolean reachedSince) {
      this.bytes = bytes;
      this.count = count;
      this.reachedSince = reachedSince;
    }

    byte[] bytes() {
      return bytes;
    }

    int count() {
      return count;
    }

    boolean reachedSince() {
      return reachedSince;
    }
  }
}
