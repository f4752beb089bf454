package dev.xhsopenapi.server.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One setting, stated once: its dotted name ({@code upstream.cache.ttl-s}), its type, its default
 * as written in {@code docs/CONFIG.md} (null: unset) and, for numbers, its bounds. It reads its
 * value from the merged text values of flags, environment, YAML file and defaults, and every
 * refusal names the setting.
 *
 * @param name the dotted YAML path, also the flag name
 * @param kind how the text is read
 * @param defaultValue the default as text, or null when unset by default
 * @param min the smallest value ({@link Kind#WHOLE}, {@link Kind#FRACTION})
 * @param max the largest value ({@link Kind#WHOLE}, {@link Kind#FRACTION})
 */
record Setting(String name, Kind kind, String defaultValue, double min, double max) {

  /** How a setting's text is read. */
  enum Kind {
    /** A whole number within bounds. */
    WHOLE,
    /** A decimal number within bounds. */
    FRACTION,
    /** {@code true/false} (also yes/no, 1/0, on/off). */
    BOOLEAN,
    /** Non-empty text. */
    TEXT,
    /** Text that may be left unset. */
    OPTIONAL_TEXT,
    /** A comma-separated list, optionally in brackets; a YAML sequence is joined with commas. */
    LIST
  }

  static Setting whole(String name, long defaultValue, long min, long max) {
    return new Setting(name, Kind.WHOLE, Long.toString(defaultValue), min, max);
  }

  static Setting fraction(String name, String defaultValue, double min, double max) {
    return new Setting(name, Kind.FRACTION, defaultValue, min, max);
  }

  static Setting bool(String name, boolean defaultValue) {
    return new Setting(name, Kind.BOOLEAN, Boolean.toString(defaultValue), 0, 0);
  }

  static Setting text(String name, String defaultValue) {
    return new Setting(name, Kind.TEXT, defaultValue, 0, 0);
  }

  static Setting optionalText(String name) {
    return new Setting(name, Kind.OPTIONAL_TEXT, null, 0, 0);
  }

  static Setting list(String name, String defaultValue) {
    return new Setting(name, Kind.LIST, defaultValue, 0, 0);
  }

  /**
   * The value as a whole number.
   *
   * @throws IllegalArgumentException "{@code name must be a whole number, got '…'}" or "{@code name
   *     must be from min to max, got …}"
   */
  long whole(Map<String, String> values) {
    String v = text(values);
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
    }
    if (parsed < (long) min || parsed > (long) max) {
      throw new IllegalArgumentException(
          name + " must be from " + (long) min + " to " + (long) max + ", got " + parsed);
    }
    return parsed;
  }

  /** The value as a decimal number within bounds. */
  double fraction(Map<String, String> values) {
    String v = text(values);
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a number from " + bound(min) + " to " + bound(max) + ", got '" + v + "'");
  }

  /** The value as true or false. */
  boolean bool(Map<String, String> values) {
    String v = text(values).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    };
  }

  /**
   * The value as non-empty text, stripped.
   *
   * @throws IllegalArgumentException "{@code name must not be empty}"
   */
  String text(Map<String, String> values) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return v.strip();
  }

  /** The value stripped, or null when unset or blank. */
  String optional(Map<String, String> values) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** The value as a list of non-empty items; empty when unset. */
  List<String> list(Map<String, String> values) {
    String v = optional(values);
    if (v == null) {
      return List.of();
    }
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The value as a list of whole numbers. */
  List<Integer> integers(Map<String, String> values) {
    return list(values).stream()
        .map(
            item -> {
              try {
                return Integer.parseInt(item);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    name + " must list whole numbers, got '" + item + "'", e);
              }
            })
        .toList();
  }

  private static String bound(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
