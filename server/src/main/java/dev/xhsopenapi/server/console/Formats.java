package dev.xhsopenapi.server.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times and numbers: UTC, as the usage days and the API are. */
final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Formats() {}

  /** An epoch-ms time, or a dash for none. */
  static String time(Long epochMs) {
    return epochMs == null ? "—" : TIME.format(Instant.ofEpochMilli(epochMs));
  }

  /** A whole number with thousands separators. */
  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
