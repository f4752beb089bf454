package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.IncompleteWalkException;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One run of {@code notes}: opens the output fresh or where its checkpoint left it, runs the {@link
 * Export}, and turns how it ended into a message and an exit status.
 */
final class NotesRun {
  private final XhsOpenApiClient client;
  private final RecordFormat format;
  private final List<String> users;
  private final Path out;
  private final boolean resume;
  private final boolean force;
  private final String since;
  private final Integer maxPages;
  private final boolean tagUsers;
  private final Series series;
  private final boolean details;

  NotesRun(
      XhsOpenApiClient client,
      RecordFormat format,
      List<String> users,
      Path out,
      boolean resume,
      boolean force,
      String since,
      Integer maxPages,
      boolean tagUsers,
      Series series,
      boolean details) {
    this.client = client;
    this.format = format;
    this.users = users;
    this.out = out;
    this.resume = resume;
    this.force = force;
    this.since = since;
    this.maxPages = maxPages;
    this.tagUsers = tagUsers;
    this.series = series;
    this.details = details;
  }

  int run(Progress progress, BooleanSupplier stop, PrintWriter err) {
    CheckpointFile checkpoints = out == null ? null : new CheckpointFile(out);
    // An export was started here before: starting over would pay for its pages again.
    if (checkpoints != null && !resume && !force && Files.exists(checkpoints.path())) {
      err.println(
          "notes: "
              + checkpoints.path()
              + " exists: an export to "
              + out
              + " was started before. Give --resume to continue it, or --force to start over"
              + " (overwriting "
              + out
              + " and paying for every page again).");
      return ExitCodes.USAGE;
    }
    Checkpoint start;
    Sink sink;
    try {
      Optional<Checkpoint> saved = resume ? checkpoints.load() : Optional.empty();
      if (!resume && checkpoints != null) {
        warnIfUnfinished(checkpoints, progress);
      }
      if (saved.isPresent()) {
        String mismatch = saved.get().mismatch(format.wire(), since, users, series.wire(), details);
        if (mismatch != null) {
          err.println(
              "notes: cannot resume from "
                  + checkpoints.path()
                  + ": "
                  + mismatch
                  + ". Run with the same arguments, or without --resume to start over.");
          return ExitCodes.USAGE;
        }
        if (saved.get().done()) {
          err.println("notes: " + out + " is already complete (" + checkpoints.path() + ")");
          return ExitCodes.OK;
        }
        start = saved.get();
        sink = Sink.file(out, start.outBytes());
        progress.notice(
            "resuming after "
                + start.pages()
                + " page(s) and "
                + start.records()
                + " note(s) in "
                + out);
      } else {
        if (resume) {
          progress.notice("no checkpoint at " + checkpoints.path() + "; starting from page 1");
        }
        sink =
            out == null ? Sink.stream(new FileOutputStream(FileDescriptor.out)) : Sink.file(out, 0);
        sink.write(format.head(details));
        sink.commit();
        start =
            Checkpoint.start(format.wire(), since, users, sink.length(), series.wire(), details);
        if (checkpoints != null) {
          checkpoints.save(start);
        }
      }
    } catch (IOException e) {
      err.println("notes: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    try (sink) {
      Export export =
          new Export(
              client,
              sink,
              format,
              checkpoints,
              progress,
              since,
              maxPages == null ? 0 : maxPages,
              tagUsers,
              series,
              details,
              stop);
      return ended(export.run(start), progress);
    } catch (XhsOpenApiException e) {
      int code = stop.getAsBoolean() ? ExitCodes.INTERRUPTED : ExitCodes.of(e);
      if (code == ExitCodes.INTERRUPTED) {
        progress.finish(interrupted(progress));
      } else {
        progress.finish("notes: " + ExitCodes.describe(e) + resumeHint());
      }
      return code;
    } catch (IOException e) {
      progress.finish("notes: cannot write " + (out == null ? "the output" : out) + ": " + e);
      return ExitCodes.FAILURE;
    }
  }

  /** Says so when a fresh run replaces an export that --resume could have continued. */
  private static void warnIfUnfinished(CheckpointFile checkpoints, Progress progress) {
    try {
      if (checkpoints.load().filter(cp -> !cp.done()).isPresent()) {
        progress.notice(
            "starting over: the unfinished export of "
                + checkpoints.path()
                + " is replaced (--resume would have continued it)");
      }
    } catch (IOException e) {
      // An unreadable old checkpoint is replaced like any other.
    }
  }

  private int ended(Export.Result result, Progress progress) {
    Checkpoint cp = result.checkpoint();
    return switch (result.end()) {
      case STOPPED -> {
        progress.finish(interrupted(progress));
        yield ExitCodes.INTERRUPTED;
      }
      case INCOMPLETE -> {
        progress.finish(incomplete(result.incomplete(), cp, progress));
        yield ExitCodes.INCOMPLETE;
      }
      case PAGE_BUDGET -> {
        progress.finish(
            "notes: stopped after "
                + progress.pages()
                + " page(s) (--max-pages); "
                + stats(progress)
                + resumeHint());
        yield ExitCodes.OK;
      }
      case DONE -> {
        progress.finish(
            "notes: done, "
                + cp.records()
                + " note(s) of "
                + users.size()
                + " user(s)"
                + (out == null ? "" : " in " + out)
                + "; this run: "
                + stats(progress)
                + (cp.notFound().isEmpty()
                    ? ""
                    : "; not found: " + String.join(", ", cp.notFound())));
        yield cp.notFound().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
      }
    };
  }

  /** One line: whose walk stopped, why, what was kept, and what to do. */
  private String incomplete(IncompleteWalkException e, Checkpoint cp, Progress progress) {
    String what =
        out == null
            ? "the notes printed stay, some may be missing; run again later (with --out FILE,"
                + " --resume can continue such a walk)"
            : "the "
                + cp.records()
                + " note(s) in "
                + out
                + " stay, some may be missing; run again later with --resume";
    return "notes: incomplete: user "
        + e.userId()
        + ": "
        + e.reason().describe()
        + " (after "
        + e.pages()
        + " page(s) of this walk, request_id "
        + e.requestId()
        + "); "
        + what
        + ". This run: "
        + stats(progress);
  }

  private String interrupted(Progress progress) {
    return "notes: interrupted; this run: " + stats(progress) + resumeHint();
  }

  private static String stats(Progress progress) {
    return progress.pages()
        + " page(s), "
        + progress.notes()
        + " note(s), "
        + (progress.details() > 0 ? progress.details() + " detail(s), " : "")
        + progress.credits()
        + " credit(s) in "
        + Progress.clock(progress.elapsed());
  }

  private String resumeHint() {
    return out == null ? "" : ". Run again with --resume to continue.";
  }
}
