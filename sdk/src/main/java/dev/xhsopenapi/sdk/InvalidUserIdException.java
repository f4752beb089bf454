package dev.xhsopenapi.sdk;

import java.util.Objects;

/**
 * Text that {@link UserIds#parse(String)} cannot turn into a user id. The message, in plain words,
 * names what was given and what to paste instead; {@link #kind()} tells the cases apart for
 * programs that answer them differently.
 */
public final class InvalidUserIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What the text was taken for. */
  public enum Kind {
    /** Nothing but whitespace. */
    EMPTY,
    /**
     * Only digits, 5 to 20 of them: the 小红书号 (red id) shown on a profile, which the API does not
     * take.
     */
    RED_ID,
    /** An {@code xhslink.com} short link, which only a browser (or the app) can follow. */
    SHORT_LINK,
    /** A Xiaohongshu link, but to a note or another page rather than to a profile. */
    NOT_A_PROFILE_LINK,
    /** A profile link whose id is not 24 hex characters. */
    BAD_PROFILE_LINK,
    /** Anything else. */
    UNRECOGNISED
  }

  /** The text as given. */
  private final String input;

  /** What the text was taken for. */
  private final Kind kind;

  InvalidUserIdException(String input, Kind kind, String message) {
    super(message);
    this.input = Objects.requireNonNull(input, "input");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * The text that was given, unchanged.
   *
   * @return the input of {@link UserIds#parse(String)}
   */
  public String input() {
    return input;
  }

  /**
   * What the text was taken for.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
