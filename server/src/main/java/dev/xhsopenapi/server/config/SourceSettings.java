package dev.xhsopenapi.server.config;

import dev.xhsopenapi.upstream.UpstreamSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named sources under {@code upstream.sources.<name>} (DESIGN §4), whose setting names are made
 * of the operator's source names and so cannot be listed in advance: {@code
 * upstream.sources.<name>.kind} (required), {@code .base-url}, {@code .api-key} (or {@code .token},
 * the same thing for JustOneAPI), {@code .cost} (a decimal, default 0) and {@code .timeout-ms}
 * (default 5000). The environment sets them as {@code XHS_OPENAPI_UPSTREAM_SOURCES_<NAME>_<FIELD>},
 * the name in capitals with {@code -} as {@code _}; a name the file does not declare is read back
 * in lowercase with {@code _} as {@code -}.
 */
final class SourceSettings {
  static final String PREFIX = "upstream.sources.";

  /** A source name: lowercase letters, digits and dashes, starting with a letter. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  /** The fields of a source, in the order documented. */
  static final List<String> FIELDS =
      List.of("kind", "base-url", "api-key", "token", "cost", "timeout-ms");

  private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([^.]+)\\.([^.]+)");
  private static final String ENV_PREFIX = ConfigLoader.envName(PREFIX);
  private static final long DEFAULT_TIMEOUT_MS = 5000;

  private SourceSettings() {}

  /** Whether {@code name} is a setting of a named source ({@code upstream.sources.…}). */
  static boolean isSourceSetting(String name) {
    return name.startsWith(PREFIX);
  }

  /**
   * Checks a source setting's name as written in the file.
   *
   * @throws IllegalArgumentException naming the setting and saying what is allowed
   */
  static void checkName(String setting) {
    Matcher m = KEY.matcher(setting);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + setting
              + "' is not a source setting; write upstream.sources.<name>.<field> with a field of "
              + String.join(", ", FIELDS));
    }
    if (!NAME.matcher(m.group(1)).matches()) {
      throw new IllegalArgumentException(
          "source name '"
              + m.group(1)
              + "' in "
              + setting
              + " must be lowercase letters, digits and dashes, starting with a letter (at most"
              + " 40)");
    }
    if (!FIELDS.contains(m.group(2))) {
      throw new IllegalArgumentException(
          "unknown field '"
              + m.group(2)
              + "' of source "
              + m.group(1)
              + "; a source has "
              + String.join(", ", FIELDS));
    }
  }

  /**
   * The source settings the environment gives, as setting names and values.
   *
   * @param declared the source names the file declares, so that their env form maps back to them
   */
  static Map<String, String> fromEnv(Map<String, String> env, List<String> declared) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX)) {
        continue;
      }
      String rest = e.getKey().substring(ENV_PREFIX.length());
      for (String field : FIELDS) {
        String suffix = "_" + field.toUpperCase(Locale.ROOT).replace('-', '_');
        if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
          String envName = rest.substring(0, rest.length() - suffix.length());
          String name =
              declared.stream()
                  .filter(d -> d.toUpperCase(Locale.ROOT).replace('-', '_').equals(envName))
                  .findFirst()
                  .orElse(envName.toLowerCase(Locale.ROOT).replace('_', '-'));
          String setting = PREFIX + name + "." + field;
          checkName(setting);
          out.put(setting, e.getValue());
          break;
        }
      }
    }
    return out;
  }

  /** The source names among setting names, in first-seen order. */
  static List<String> names(Iterable<String> settings) {
    List<String> names = new ArrayList<>();
    for (String setting : settings) {
      Matcher m = KEY.matcher(setting);
      if (m.matches() && !names.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /**
   * The named sources from the merged values.
   *
   * @throws IllegalArgumentException when a source has no kind, a bad cost or timeout, or both
   *     {@code api-key} and {@code token}
   */
  static List<UpstreamSettings.Source> read(Map<String, String> values) {
    List<UpstreamSettings.Source> sources = new ArrayList<>();
    for (String name : names(values.keySet())) {
      String at = PREFIX + name + ".";
      String kind = values.get(at + "kind");
      if (kind == null || kind.isBlank()) {
        throw new IllegalArgumentException(
            at + "kind is required: spiderhubs, tikhub, justoneapi, xhs-app or sim");
      }
      String apiKey = values.get(at + "api-key");
      String token = values.get(at + "token");
      if (apiKey != null && token != null) {
        throw new IllegalArgumentException(
            "source " + name + " has both api-key and token; they are the same, give one");
      }
      sources.add(
          new UpstreamSettings.Source(
              name,
              kind.trim(),
              values.get(at + "base-url"),
              apiKey != null ? apiKey : token,
              cost(at + "cost", values.get(at + "cost")),
              Duration.ofMillis(timeoutMs(at + "timeout-ms", values.get(at + "timeout-ms"))),
              Map.of()));
    }
    return sources;
  }

  private static BigDecimal cost(String setting, String text) {
    if (text == null || text.isBlank()) {
      return BigDecimal.ZERO;
    }
    try {
      BigDecimal cost = new BigDecimal(text.trim());
      if (cost.signum() < 0 || cost.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        throw new NumberFormatException();
      }
      return cost;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          setting + " must be a decimal number from 0 to 1000000 (e.g. 0.001), got '" + text + "'",
          e);
    }
  }

  private static long timeoutMs(String setting, String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_TIMEOUT_MS;
    }
    try {
      long ms = Long.parseLong(text.trim());
      if (ms < 1 || ms > 600_000) {
        throw new NumberFormatException();
      }
      return ms;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          setting + " must be a whole number of milliseconds from 1 to 600000, got '" + text + "'",
          e);
    }
  }
}
