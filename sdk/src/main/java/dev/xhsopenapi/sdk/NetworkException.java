package dev.xhsopenapi.sdk;

import java.io.IOException;

/**
 * No answer arrived, through every retry allowed: the connection was refused or reset, or the
 * server did not answer in time. Also thrown when the calling thread is interrupted while it waits
 * or calls, with {@link #interrupted()} true and the thread's interrupt flag set again.
 */
public final class NetworkException extends XhsOpenApiException {
  private static final long serialVersionUID = 1L;

  /** Whether the thread was interrupted. */
  private final boolean interrupted;

  NetworkException(String message, IOException cause, boolean interrupted) {
    super(0, "network_error", message, null, null, cause);
    this.interrupted = interrupted;
  }

  /**
   * Whether the call stopped because its thread was interrupted rather than because of the network.
   *
   * @return true when the thread was interrupted
   */
  public boolean interrupted() {
    return interrupted;
  }
}
