package dev.xhsopenapi.cli.notes;

import java.util.List;

/**
 * RFC 4180 records: fields joined by commas, quoted when they hold a comma, quote or line break. A
 * field that a spreadsheet would run as a formula (one starting with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a carriage return) gets a single quote {@code '} in front, as OWASP's
 * guidance on CSV injection recommends, so that it shows as text.
 */
public final class Csv {
  /** The line break between records, as RFC 4180 has it. */
  static final String CRLF = "\r\n";

  /** The first characters that make a spreadsheet read a cell as a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Csv() {}

  /**
   * One record, line break included.
   *
   * @param fields the cells, in order
   * @return the line
   */
  public static String record(List<String> fields) {
    StringBuilder out = new StringBuilder(128);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    return out.append(CRLF).toString();
  }

  /**
   * A field, neutralised when it would be a formula, then quoted (quotes doubled) if it must be.
   */
  static String field(String value) {
    String text = neutralised(value);
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** The value with {@code '} in front when a spreadsheet would run it as a formula. */
  static String neutralised(String value) {
    return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}
