package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.cli.ApiOptions;
import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.UserIds;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xhs-openapi notes}: exports every note of one or more users through the public API. */
@Command(
    name = "notes",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Exports every note a Xiaohongshu user posted, page after page, through a gateway's public"
          + " API: one record per note, each note once, pinned notes first.",
      "Pages are paced by the account's rate-limit headers, 429 answers are waited out and 5xx"
          + " answers retried with backoff. With --out, progress is checkpointed after every page"
          + " in FILE.checkpoint, so that --resume continues after Ctrl-C, a crash or kill -9"
          + " without duplicates, paying again at most for the page that was in flight. While"
          + " FILE.checkpoint exists, a run without --resume or --force refuses to start, so that"
          + " nothing is paid for twice by mistake.",
      "A walk whose pages cannot be followed to the end although every answer was a success (a"
          + " cursor already used, more pages claimed without a cursor, only empty pages) ends"
          + " with exit status 6 and one line saying why; the notes written stay and --resume"
          + " tries again from there (with --users-file, the users after it wait for that"
          + " --resume).",
      "With --series web the notes come from the web series, 30 a page, in the shape the source"
          + " sends (camelCase or snake_case keys; both are read for the CSV columns). With"
          + " --details each note is written with its detail, one paid call per note.",
      "Progress (pages, notes, details, credits, calls/min, time) goes to standard error."
    },
    footer = {
      "%nFormats: jsonl (default) writes each note's JSON exactly as the API returned it, one per"
          + " line; json writes them as one array; csv writes the columns"
          + " note_id,type,title,liked_count,sticky,cover_url,created_at,user_id,nickname"
          + " (RFC 4180 quoting, CRLF line ends) in UTF-8 with a byte-order mark, so that"
          + " spreadsheets show Chinese titles correctly; a cell that a spreadsheet would run as a"
          + " formula (starting with =, +, -, @, a tab or a carriage return) gets a ' in front."
          + " created_at (from the note id) is empty when the id carries no time. With"
          + " --users-file, JSON records get an extra user_id field. With --details, JSON records"
          + " get a detail field (the note's detail as the API returned it, null when it has"
          + " none) and CSV the columns desc,collected_count,comment_count,share_count,ip_location.",
      ExitCodes.NOTES_HELP
    })
public final class NotesCommand implements Callable<Integer> {
  private static final String NOTE_ID = "[0-9a-f]{24}";

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "USER_ID",
      description =
          "The Xiaohongshu user id (24 hex characters) or the profile link"
              + " (https://www.xiaohongshu.com/user/profile/<id>?…, from Share → Copy link)."
              + " Omit it with --users-file.")
  private String userId;

  @Mixin private ApiOptions api;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write here instead of standard output; needed for --resume.")
  private Path out;

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      paramLabel = "jsonl|csv|json",
      description = "Record format (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(
      names = "--series",
      defaultValue = "app",
      paramLabel = "app|web",
      description =
          "Which endpoints to walk: app (app/get_user_notes, the default) or web"
              + " (web_v3/fetch_user_notes, 30 notes a page, each with the xsec_token its web"
              + " detail needs).")
  private String series;

  @Option(
      names = "--details",
      description =
          "Add each note's detail (its text, desc, and counts): one more call, and credit, per"
              + " note: app/get_note_info for --series app, web_v3/fetch_note_detail for --series"
              + " web. Each enriched note is checkpointed, so --resume pays no detail twice.")
  private boolean details;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Stop after N pages in this run; --resume continues from there.")
  private Integer maxPages;

  @Option(
      names = "--resume",
      description = "Continue the export that FILE.checkpoint records (same arguments).")
  private boolean resume;

  @Option(
      names = "--force",
      description =
          "Start over although FILE.checkpoint records an export: FILE is overwritten and every"
              + " page paid for again.")
  private boolean force;

  @Option(
      names = "--since",
      paramLabel = "NOTE_ID",
      description =
          "Only notes newer than NOTE_ID: stop at the first unpinned note whose id is not above"
              + " it. Pinned notes never stop the walk and are written only when newer.")
  private String since;

  @Option(
      names = "--users-file",
      paramLabel = "FILE",
      description =
          "Walk every user in FILE (one user id or profile link per line, # starts a comment),"
              + " one after another.")
  private Path usersFile;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<String> users;
    try {
      users = users();
    } catch (IllegalArgumentException e) {
      // A user that cannot be read is told in one line: the whole usage would bury it.
      err.println("notes: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    RecordFormat recordFormat = recordFormat();
    Series walked = series();
    checkOptions();
    Progress progress = new Progress(err, Progress.interactive(), System::nanoTime);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread walker = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              walker.interrupt();
              awaitQuietly(finished);
            },
            "notes-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try (XhsOpenApiClient client = api.client(spec, progress)) {
      return new NotesRun(
              client,
              recordFormat,
              users,
              out,
              resume,
              force,
              since,
              maxPages,
              usersFile != null,
              walked,
              details)
          .run(progress, stop::get, err);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
      }
    }
  }

  /**
   * The users to walk.
   *
   * @throws ParameterException when neither or both of USER_ID and --users-file are given
   * @throws IllegalArgumentException when a user cannot be read, or the file cannot be
   */
  private List<String> users() {
    if ((userId == null) == (usersFile == null)) {
      throw new ParameterException(
          spec.commandLine(), "give either a USER_ID or --users-file FILE (one of them)");
    }
    if (usersFile == null) {
      return List.of(UserIds.parse(userId));
    }
    try {
      return UsersFile.read(usersFile);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--users-file " + usersFile + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --users-file " + usersFile + ": " + e, e);
    }
  }

  private RecordFormat recordFormat() {
    try {
      return RecordFormat.named(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Series series() {
    try {
      return Series.named(series);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void checkOptions() {
    api.requireKey(spec);
    if (since != null) {
      requireId(since, "--since");
    }
    if (maxPages != null && maxPages < 1) {
      throw new ParameterException(spec.commandLine(), "--max-pages must be 1 or more");
    }
    if (resume && out == null) {
      throw new ParameterException(
          spec.commandLine(), "--resume needs --out FILE: the checkpoint lives beside it");
    }
    if (force && out == null) {
      throw new ParameterException(
          spec.commandLine(), "--force needs --out FILE: it starts the export to FILE over");
    }
    if (force && resume) {
      throw new ParameterException(
          spec.commandLine(),
          "give --resume (continue the export) or --force (start it over), not both");
    }
  }

  private void requireId(String value, String what) {
    if (!value.matches(NOTE_ID)) {
      throw new ParameterException(
          spec.commandLine(), what + " must be 24 lowercase hex characters, got '" + value + "'");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      // Long enough for the page being written and its checkpoint; short enough for an impatient
      // second Ctrl-C not to be needed.
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
