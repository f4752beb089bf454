package dev.xhsopenapi.cli.notes;

import java.util.List;

/**
 * RFC 4180 records: fields joined by commas, quoted when they hold a comma, quote or line break.
 */
final class Csv {
  /** The line break between records, as RFC 4180 has it. */
  static final String CRLF = "\r\n";

  private Csv() {}

  /** One record, line break included. */
  static String record(List<String> fields) {
    StringBuilder out = new StringBuilder(128);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    return out.append(CRLF).toString();
  }

  /** A field, quoted (with its quotes doubled) when it must be. */
  static String field(String value) {
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
