package dev.xhsopenapi.cli.notes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How far an export got, saved after every page (and, with {@code --details}, after every note):
 * which user and cursor come next, the note ids of that user already written, and the output's
 * length once they were. A resumed run truncates the output to {@code outBytes}, so records written
 * after the last save are dropped and written again.
 *
 * <p>With {@code --details} every note is written with its detail as soon as the detail is had, and
 * the checkpoint saved, so {@code seen} names exactly the notes of the current page already
 * enriched (and paid for): a resumed run asks for that page again and enriches only the others.
 *
 * @param version the format of this record, {@value #VERSION}
 * @param format the output format ({@code jsonl}, {@code csv}, {@code json})
 * @param since the {@code --since} note id, or null
 * @param users the users of the run, in order
 * @param userIndex the user being walked ({@code users.size()} when all are)
 * @param cursor the cursor to continue that user from ({@code ""}: page 1)
 * @param seen that user's note ids already written
 * @param notFound users the gateway said do not exist
 * @param records records written in all
 * @param outBytes the output's length after the last page written
 * @param pages pages written in all, over every run
 * @param done whether the output is complete
 * @param series {@code app} or {@code web}; null in checkpoints written before there was a choice,
 *     which walked the App series
 * @param details whether each note is written with its detail ({@code --details})
 * @param enriched details fetched and written in all, over every run
 */
record Checkpoint(
    int version,
    String format,
    String since,
    List<String> users,
    int userIndex,
    String cursor,
    List<String> seen,
    List<String> notFound,
    long records,
    long outBytes,
    long pages,
    boolean done,
    String series,
    boolean details,
    long enriched) {

  static final int VERSION = 1;

  Checkpoint {
    users = List.copyOf(users);
    seen = List.copyOf(seen);
    notFound = List.copyOf(notFound);
    series = series == null ? Series.APP.wire() : series;
  }

  /** The state of a fresh export whose output holds only its head. */
  static Checkpoint start(
      String format,
      String since,
      List<String> users,
      long outBytes,
      String series,
      boolean details) {
    return new Checkpoint(
        VERSION, format, since, users, 0, "", List.of(), List.of(), 0, outBytes, 0, false, series,
        details, 0);
  }

  /** After one more page of the current user: {@code added} records, the output now that long. */
  Checkpoint afterPage(String nextCursor, Collection<String> seenNow, int added, long length) {
    return new Checkpoint(
        version,
        format,
        since,
        users,
        userIndex,
        nextCursor,
        new ArrayList<>(seenNow),
        notFound,
        records + added,
        length,
        pages + 1,
        false,
        series,
        details,
        enriched);
  }

  /**
   * After one more note of the current page written with its detail ({@code withDetail}: one was
   * had); the cursor stays the page's, so a resumed run asks for the page again.
   */
  Checkpoint afterNote(Collection<String> seenNow, boolean withDetail, long length) {
    return new Checkpoint(
        version,
        format,
        since,
        users,
        userIndex,
        cursor,
        new ArrayList<>(seenNow),
        notFound,
        records + 1,
        length,
        pages,
        false,
        series,
        details,
        enriched + (withDetail ? 1 : 0));
  }

  /** The current user's walk is to continue from {@code nextCursor}, the rest unchanged. */
  Checkpoint continueFrom(String nextCursor) {
    return new Checkpoint(
        version,
        format,
        since,
        users,
        userIndex,
        nextCursor,
        seen,
        notFound,
        records,
        outBytes,
        pages,
        false,
        series,
        details,
        enriched);
  }

  /** The current user is done: on to the next. */
  Checkpoint nextUser() {
    return new Checkpoint(
        version,
        format,
        since,
        users,
        userIndex + 1,
        "",
        List.of(),
        notFound,
        records,
        outBytes,
        pages,
        false,
        series,
        details,
        enriched);
  }

  /** The current user does not exist. */
  Checkpoint userNotFound() {
    List<String> missing = new ArrayList<>(notFound);
    missing.add(users.get(userIndex));
    return new Checkpoint(
        version, format, since, users, userIndex, cursor, seen, missing, records, outBytes, pages,
        false, series, details, enriched);
  }

  /** Every user is done and the output, now {@code length} bytes long, is complete. */
  Checkpoint finished(long length) {
    return new Checkpoint(
        version, format, since, users, userIndex, "", List.of(), notFound, records, length, pages,
        true, series, details, enriched);
  }

  /** Why this checkpoint cannot continue a run with these settings, or null when it can. */
  String mismatch(
      String otherFormat,
      String otherSince,
      List<String> otherUsers,
      String otherSeries,
      boolean otherDetails) {
    if (version != VERSION) {
      return "it has version " + version + ", this program writes " + VERSION;
    }
    if (!format.equals(otherFormat)) {
      return "it was written as --format " + format + ", not " + otherFormat;
    }
    if (since == null ? otherSince != null : !since.equals(otherSince)) {
      return "it was written with --since " + since + ", not " + otherSince;
    }
    if (!users.equals(otherUsers)) {
      return "it walks other users (" + users.size() + " from " + users.get(0) + ")";
    }
    if (!series.equals(otherSeries)) {
      return "it was written with --series " + series + ", not " + otherSeries;
    }
    if (details != otherDetails) {
      return details ? "it was written with --details" : "it was written without --details";
    }
    return null;
  }
}
