package dev.xhsopenapi.server.app;

/**
 * A gateway node could not start: its store could not be opened, its Redis reached or its port
 * bound. The message is one line for the operator that names what failed (the folder, the URL, the
 * port) and why; nothing of the node is left running.
 */
public final class GatewayStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its one-line explanation. */
  public GatewayStartException(String message) {
    super(message);
  }

  /** A failure with its one-line explanation and the exception behind it. */
  public GatewayStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
