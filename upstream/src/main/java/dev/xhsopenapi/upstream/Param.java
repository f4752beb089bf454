package dev.xhsopenapi.upstream;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One query parameter of an {@link Operation}: its name, whether it is required, its value when
 * absent, the check a given value must pass, and the words and example that documentation and error
 * messages use.
 *
 * <p>An absent parameter and an empty one are the same: a required one is refused with {@code
 * "<name> is required: <description>, e.g. <example>"}, an optional one takes its default (the
 * empty string when it has none). A given value goes through {@link #check}, which returns the
 * value the sources are asked with (the canonical form) or refuses it.
 *
 * @param name the query parameter's name on the wire, e.g. {@code user_id}
 * @param required whether a request without it is refused
 * @param defaultValue the value used when it is absent ({@code ""} for none)
 * @param check the rule a given, non-empty value must pass
 * @param description what the parameter is, in a phrase that reads after "is required:"
 * @param example a valid value, for messages and the API documentation
 */
public record Param(
    String name,
    boolean required,
    String defaultValue,
    Check check,
    String description,
    String example) {

  /** The shape of Xiaohongshu user and note ids: 24 lowercase hex characters. */
  static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");

  /** Creates a parameter. */
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(example, "example");
  }

  /** A rule for a given, non-empty value. */
  @FunctionalInterface
  public interface Check {
    /**
     * Checks a value.
     *
     * @param value the value as given, never null or empty
     * @return the value the sources are asked with
     * @throws InvalidParamException when it is malformed; the message says what it must be
     */
    String canonical(String value);
  }

  /**
   * The value this parameter takes in a request.
   *
   * @param given the value as given, or null when absent
   * @return the canonical value, or the default when absent or empty
   * @throws InvalidParamException when it is required and absent, or malformed
   */
  public String read(String given) {
    if (given == null || given.isEmpty()) {
      if (required) {
        throw new InvalidParamException(
            name, name + " is required: " + description + ", e.g. " + example);
      }
      return defaultValue;
    }
    return check.canonical(given);
  }

  /**
   * A check that the value is a whole number from {@code min} to {@code max}; its canonical form
   * has no sign or leading zeros.
   */
  static Check whole(String name, int min, int max) {
    return value -> {
      long n;
      try {
        n = value.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value);
      } catch (NumberFormatException e) {
        n = Long.MIN_VALUE;
      }
      if (n < min || n > max) {
        throw new InvalidParamException(
            name,
            name
                + " must be a whole number from "
                + min
                + " to "
                + max
                + ", got "
                + InvalidParamException.shown(value));
      }
      return Long.toString(n);
    };
  }

  /** A check that the value is {@code true} or {@code false} (in any case); canonical lowercase. */
  static Check bool(String name) {
    return value -> {
      String lower = value.toLowerCase(Locale.ROOT);
      if (!lower.equals("true") && !lower.equals("false")) {
        throw new InvalidParamException(
            name, name + " must be true or false, got " + InvalidParamException.shown(value));
      }
      return lower;
    };
  }

  /**
   * A check that the value is {@code min}–{@code max} characters once trimmed; canonical trimmed.
   */
  static Check text(String name, int min, int max) {
    return value -> {
      String trimmed = value.strip();
      int length = trimmed.codePointCount(0, trimmed.length());
      if (length < min || length > max) {
        throw new InvalidParamException(
            name,
            name
                + " must be "
                + min
                + " to "
                + max
                + " characters (spaces around it do not count), got "
                + length);
      }
      return trimmed;
    };
  }

  /** A check that the value matches {@code pattern}; else {@code message} plus the value given. */
  static Check matching(String name, Pattern pattern, String message) {
    return value -> {
      if (!pattern.matcher(value).matches()) {
        throw new InvalidParamException(
            name, message + ", got " + InvalidParamException.shown(value));
      }
      return value;
    };
  }
}
