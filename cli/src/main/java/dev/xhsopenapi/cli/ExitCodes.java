package dev.xhsopenapi.cli;

import dev.xhsopenapi.sdk.AuthenticationException;
import dev.xhsopenapi.sdk.BadRequestException;
import dev.xhsopenapi.sdk.ForbiddenException;
import dev.xhsopenapi.sdk.IncompleteWalkException;
import dev.xhsopenapi.sdk.InsufficientCreditsException;
import dev.xhsopenapi.sdk.NetworkException;
import dev.xhsopenapi.sdk.NotFoundException;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import java.util.Optional;

/**
 * The exit statuses of the client commands ({@code notes}, {@code users}, {@code watch}, {@code
 * call}, {@code admin}), documented in their help.
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

  /**
   * The exit status for a failure of the gateway.
   *
   * @param e the SDK's exception
   * @return {@link #INTERRUPTED}, {@link #INCOMPLETE}, {@link #AUTH}, {@link #NOT_FOUND}, {@link
   *     #USAGE} (400) or {@link #SERVER}
   */
  public static int of(XhsOpenApiException e) {
    return switch (e) {
      case NetworkException n when n.interrupted() -> INTERRUPTED;
      case IncompleteWalkException i -> INCOMPLETE;
      case AuthenticationException a -> AUTH;
      case InsufficientCreditsException c -> AUTH;
      case ForbiddenException f -> AUTH;
      case NotFoundException n -> NOT_FOUND;
      case BadRequestException b -> USAGE;
      default -> SERVER;
    };
  }

  /**
   * The evidence of a failure in one line: the message, the status, the error string and the
   * request id.
   *
   * @param e the SDK's exception
   * @return such as {@code "… (HTTP 402 insufficient_credits, request_id 9f…)"}
   */
  public static String describe(XhsOpenApiException e) {
    if (e.status() == 0) {
      return e.getMessage();
    }
    return e.getMessage()
        + " (HTTP "
        + e.status()
        + " "
        + e.error()
        + Optional.ofNullable(e.requestId()).map(id -> ", request_id " + id).orElse("")
        + ")";
  }
}
