package dev.xhsopenapi.upstream;

import java.util.Objects;

/**
 * A request parameter is missing or malformed. The message is meant for the customer who sent it:
 * it names the parameter, says what it must be, and shows what was given; the public API answers it
 * as HTTP 400 {@code invalid_param}.
 */
public final class InvalidParamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How much of a refused value a message shows, in characters. */
  private static final int SHOWN = 64;

  private final String param;

  /**
   * Creates the failure.
   *
   * @param param the parameter's name, e.g. {@code user_id}
   * @param message what is wrong and how to fix it, in plain words
   */
  public InvalidParamException(String param, String message) {
    super(message);
    this.param = Objects.requireNonNull(param, "param");
  }

  /** The name of the parameter at fault. */
  public String param() {
    return param;
  }

  /** A value in single quotes, cut to 64 characters, for messages. */
  public static String shown(String value) {
    String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
    return "'" + cut + "'";
  }
}
