package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.sdk.IncompleteWalkException;
import dev.xhsopenapi.sdk.NotFoundException;
import dev.xhsopenapi.sdk.Note;
import dev.xhsopenapi.sdk.NoteDetail;
import dev.xhsopenapi.sdk.NotesPage;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Walks the users of a checkpoint page by page, writes each page's new notes, then saves the
 * checkpoint: records first, made durable, then the checkpoint that claims them. With {@code
 * --details} each note is enriched, written and checkpointed on its own, so that no detail is paid
 * for twice after a stop.
 *
 * <p>The writing is done by a {@link PageWriter} while the next page (or detail) is asked for: one
 * page in flight at most. Every way out of {@link #run} first waits until what was handed over is
 * durable, so the checkpoint it returns is the one saved.
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
  private final Series series;
  private final boolean details;
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
   * @param series which endpoints to walk and enrich with
   * @param details whether each note is written with its detail (one paid call per note)
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
      Series series,
      boolean details,
      BooleanSupplier stopRequested) {
    this.client = client;
    this.sink = sink;
    this.format = format;
    this.checkpoints = checkpoints;
    this.progress = progress;
    this.since = since;
    this.maxPages = maxPages;
    this.tagUsers = tagUsers;
    this.series = series;
    this.details = details;
    this.stopRequested = stopRequested;
  }

  /**
   * Runs from {@code start} until every user is walked, the page budget is spent, a stop is asked
   * for, or a user's pages cannot be followed ({@link End#INCOMPLETE}). Failures of the gateway are
   * thrown as the SDK's exceptions, with the last checkpoint saved.
   *
   * @throws IOException when the output or the checkpoint cannot be written (a full disk); when the
   *     gateway failed too, its exception is thrown with this one suppressed
   */
  Result run(Checkpoint start) throws IOException {
    try (PageWriter writer = new PageWriter(sink, checkpoints)) {
      return walk(start, writer);
    }
  }

  private Result walk(Checkpoint start, PageWriter writer) throws IOException {
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
      Iterator<NotesPage> pages = series.pages(client, user, cursor).iterator();
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
          Selection selection = select(page, seen);
          int added;
          byte[] records;
          if (details) {
            for (Note note : selection.notes()) {
              if (stopRequested.getAsBoolean()) {
                return new Result(End.STOPPED, cp);
              }
              NoteDetail detail = detail(note);
              byte[] record = format.record(note, user, tagUsers, cp.records() == 0, true, detail);
              seen.add(note.id());
              cp = cp.afterNote(seen, detail != null, writer.length() + record.length);
              writer.submit(record, cp);
              progress.detail(detail != null);
            }
            added = 0;
            records = new byte[0];
          } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            long before = cp.records();
            for (Note note : selection.notes()) {
              boolean first = before + out.size() == 0;
              out.writeBytes(format.record(note, user, tagUsers, first, false, null));
              seen.add(note.id());
            }
            records = out.toByteArray();
            added = selection.notes().size();
          }
          // A page that claims more without a usable cursor is continued from the cursor it was
          // asked with, never from page 1 or from a page already had.
          boolean usable = !page.cursor().isEmpty() && asked.add(page.cursor());
          String next = page.hasMore() && !usable ? cursor : page.cursor();
          cp = cp.afterPage(next, seen, added, writer.length() + records.length);
          writer.submit(records, cp);
          progress.page(selection.notes().size());
          cursor = next;
          userDone = selection.reachedSince() || !page.hasMore();
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
        writer.submit(new byte[0], cp);
        return new Result(End.INCOMPLETE, cp, e);
      }
      cp = cp.nextUser();
      writer.submit(new byte[0], cp);
    }
    byte[] tail = format.tail();
    cp = cp.finished(writer.length() + tail.length);
    writer.submit(tail, cp);
    return new Result(End.DONE, cp);
  }

  /**
   * The page's notes not written before, up to the {@code --since} note; {@code seen} unchanged.
   */
  private Selection select(NotesPage page, Set<String> seen) {
    List<Note> notes = new ArrayList<>();
    Set<String> picked = new HashSet<>();
    for (Note note : page.notes()) {
      boolean old = since != null && note.id().compareTo(since) <= 0;
      // Pinned notes come first whatever their age: an old one is skipped, it does not end the
      // walk.
      if (old && !note.pinned()) {
        return new Selection(notes, true);
      }
      if (old || seen.contains(note.id()) || !picked.add(note.id())) {
        continue;
      }
      notes.add(note);
    }
    return new Selection(notes, false);
  }

  /**
   * The note's detail, or null when there is none to have: the web note has no token, or the
   * gateway says the note is gone (the record is written without it, and said so).
   */
  private NoteDetail detail(Note note) {
    try {
      Optional<NoteDetail> detail = series.detail(client, note);
      if (detail.isEmpty()) {
        progress.notice("note " + note.id() + " has no xsec_token: written without its detail");
      }
      return detail.orElse(null);
    } catch (NotFoundException e) {
      progress.notice(
          "note "
              + note.id()
              + " has no detail ("
              + e.error()
              + ", request "
              + e.requestId()
              + "): written without it");
      return null;
    }
  }

  /** The notes of one page to write, and whether they end at the {@code --since} note. */
  private record Selection(List<Note> notes, boolean reachedSince) {}
}
