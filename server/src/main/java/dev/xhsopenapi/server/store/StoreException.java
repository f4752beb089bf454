package dev.xhsopenapi.server.store;

/** The store failed (I/O, constraint, connection): a fault of the server, not of the caller. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps a database failure with what the store was doing. */
  public StoreException(String doing, Throwable cause) {
    super(doing + ": " + cause.getMessage(), cause);
  }
}
