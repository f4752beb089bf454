package dev.xhsopenapi.cli.notes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How far an export got, saved after every page: which user and cursor come next, the note ids of
 * that user already written, and the output's length once they were. A resumed run truncates the
 * output to {@code outBytes}, so records written after the last save are dropped and written again.
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
    boolean done) {

  static final int VERSION = 1;

  Checkpoint {
    users = List.copyOf(users);
    seen = List.copyOf(seen);
    notFound = List.copyOf(notFound);
  }

  /** The state of a fresh export whose output holds only its head. */
  static Checkpoint start(String format, String since, List<String> users, long outBytes) {
    return new Checkpoint(
        VERSION, format, since, users, 0, "", List.of(), List.of(), 0, outBytes, 0, false);
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
        false);
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
        false);
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
        false);
  }

  /** The current user does not exist. */
  Checkpoint userNotFound() {
    List<String> missing = new ArrayList<>(notFound);
    missing.add(users.get(userIndex));
    return new Checkpoint(
        version, format, since, users, userIndex, cursor, seen, missing, records, outBytes, pages,
        false);
  }

  /** Every user is done and the output, now {@code length} bytes long, is complete. */
  Checkpoint finished(long length) {
    return new Checkpoint(
        version, format, since, users, userIndex, "", List.of(), notFound, records, length, pages,
        true);
  }

  /** Why this checkpoint cannot continue a run with these settings, or null when it can. */
  String mismatch(String otherFormat, String otherSince, List<String> otherUsers) {
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
    return null;
  }
}
