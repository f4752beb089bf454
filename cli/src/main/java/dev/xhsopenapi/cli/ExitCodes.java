package dev.xhsopenapi.cli;

/**
 * The exit statuses of the client commands ({@code notes}, {@code admin}), documented in their
 * help.
 */
public final class ExitCodes {
  /** Everything asked for was done. */
  public static final int OK = 0;

  /** A local failure, such as an output file that cannot be written. */
  public static final int FAILURE = 1;

  /** The command line was wrong (or the server said a parameter was). */
  public static final int USAGE = 2;

  /** The key or token was refused, or the account is out of credits or suspended (401/402/403). */
  public static final int AUTH = 3;

  /** The user (or account, key, request) does not exist (404). */
  public static final int NOT_FOUND = 4;

  /** The server or its upstream kept failing through every retry (5xx, network). */
  public static final int SERVER = 5;

  /**
   * Every answer was a success, but a walk of pages could not be followed to its end (a repeated
   * cursor, more pages claimed without a cursor, only empty pages): the output is incomplete and
   * {@code notes --resume} can try again later.
   */
  public static final int INCOMPLETE = 6;

  /** Interrupted (Ctrl-C, SIGINT): 128 + 2, as shells report it. */
  public static final int INTERRUPTED = 130;

  /** The lines the commands append to their help. */
  public static final String HELP =
      "%nExit status: 0 done; 1 local failure (e.g. the output cannot be written); 2 usage error;"
          + " 3 key/token refused, out of credits or suspended (401/402/403); 4 not found (404);"
          + " 5 server or upstream errors after retries (5xx, network); 130 interrupted.%n";

  /** {@link #HELP} with the status only {@code notes} has. */
  public static final String NOTES_HELP =
      "%nExit status: 0 done; 1 local failure (e.g. the output cannot be written); 2 usage error;"
          + " 3 key/token refused, out of credits or suspended (401/402/403); 4 not found (404);"
          + " 5 server or upstream errors after retries (5xx, network); 6 incomplete: the pages"
          + " could not be followed to the end (the notes written stay; run again later with"
          + " --resume); 130 interrupted.%n";

  private ExitCodes() {}
}
