package dev.xhsopenapi.upstream.sim;

import java.io.Serial;

/** A fault setting that cannot be used; the message names the JSON key and what it accepts. */
public final class InvalidFaultsException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code problem} says which key is wrong, how, and what is allowed. */
  public InvalidFaultsException(String problem) {
    super(problem);
  }
}
