package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.sdk.Endpoint;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.RateLimit;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The live progress line on standard error: pages, notes, details (with {@code --details}), credits
 * spent, calls per minute and time elapsed. On a terminal one line is redrawn in place; otherwise a
 * plain line is printed at most every {@value #PLAIN_EVERY_MS} ms, so that logs stay short.
 */
final class Progress implements EventListener {
  private static final long PLAIN_EVERY_MS = 2_000;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanos;
  private final long startNanos;
  private long pages;
  private long notes;
  private long credits;
  private long details;
  private long calls;
  private long lastPlainMs = Long.MIN_VALUE / 2;
  private int drawnWidth;
  private String user = "";

  Progress(PrintWriter err, boolean terminal, LongSupplier nanos) {
    this.err = err;
    this.terminal = terminal;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
  }

  /**
   * Whether the program runs on an interactive terminal, so that {@code \r} redraws a line. A null
   * console means no terminal on every JDK; a console that exists is asked {@code isTerminal()}
   * where the JDK has it (22+), since those JDKs give one to redirected programs too.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** A new user's walk starts. */
  void user(String userId, int index, int count) {
    user = count > 1 ? "user " + (index + 1) + "/" + count + " " + userId + " · " : "";
    if (terminal) {
      draw();
    }
  }

  /** A page was written with {@code added} notes. */
  void page(int added) {
    pages++;
    notes += added;
    draw();
  }

  /** A note was written, with its detail when {@code had} (one paid call), without it if not. */
  void detail(boolean had) {
    if (had) {
      details++;
    }
    draw();
  }

  /** A line that must stay on screen (a skipped user, a long wait). */
  void notice(String text) {
    clear();
    err.println(text);
    err.flush();
  }

  /** The final line. */
  void finish(String summary) {
    clear();
    err.println(summary);
    err.flush();
  }

  /** Pages written in this run. */
  long pages() {
    return pages;
  }

  /** Notes written in this run. */
  long notes() {
    return notes;
  }

  /** Details fetched and written in this run ({@code --details}). */
  long details() {
    return details;
  }

  /** Credits spent in this run: the data calls answered 200 (list pages and details alike). */
  long credits() {
    return credits;
  }

  /** Time since the run started. */
  Duration elapsed() {
    return Duration.ofNanos(nanos.getAsLong() - startNanos);
  }

  @Override
  public void answered(String path, int status, String requestId, RateLimit rateLimit) {
    calls++;
    // Every data endpoint is priced; the account endpoint, outside the prefix, is free.
    if (status == 200 && path.startsWith(Endpoint.PREFIX)) {
      credits++;
    }
  }

  @Override
  public void failed(String path, IOException cause) {
    calls++;
  }

  @Override
  public void waiting(Duration delay, WaitReason reason) {
    if (delay.toMillis() < 1_000) {
      return;
    }
    String why =
        switch (reason) {
          case PACING -> "the account's rate limit is used up";
          case RETRY_AFTER -> "the gateway answered 429";
          case BACKOFF -> "the gateway or the network failed";
        };
    notice(String.format(Locale.ROOT, "waiting %.0f s: %s", delay.toMillis() / 1000.0, why));
  }

  /** Formats a duration as {@code m:ss}. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private String line() {
    Duration elapsed = elapsed();
    double minutes = Math.max(elapsed.toMillis(), 1) / 60_000.0;
    return String.format(
        Locale.ROOT,
        "%spages %d · notes %d%s · credits %d · %.0f calls/min · %s",
        user,
        pages,
        notes,
        details > 0 ? " · details " + details : "",
        credits,
        calls / minutes,
        clock(elapsed));
  }

  private void draw() {
    String line = line();
    if (terminal) {
      String pad = " ".repeat(Math.max(0, drawnWidth - line.length()));
      err.print("\r" + line + pad);
      drawnWidth = line.length();
      err.flush();
      return;
    }
    long nowMs = nanos.getAsLong() / 1_000_000;
    if (nowMs - lastPlainMs >= PLAIN_EVERY_MS) {
      lastPlainMs = nowMs;
      err.println(line);
      err.flush();
    }
  }

  private void clear() {
    if (terminal && drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      drawnWidth = 0;
    }
  }
}
