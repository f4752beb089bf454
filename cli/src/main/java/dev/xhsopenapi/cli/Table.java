package dev.xhsopenapi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Text tables with aligned columns, as the {@code admin} and {@code watch} commands print them;
 * Chinese and other wide characters count two columns.
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Starts a table.
   *
   * @param headers the column names, printed as the first row
   */
  public Table(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  /**
   * A two-column table of an object's fields, without a header row.
   *
   * @param object a JSON object
   * @param names the fields to show, in order; an absent or null one shows as {@code -}
   * @return lines of {@code name value}, each ending with a line break
   */
  public static String fields(JsonNode object, List<String> names) {
    Table t = new Table(List.of("", ""));
    for (String name : names) {
      t.row(List.of(name, text(object.get(name))));
    }
    return t.render(false);
  }

  /**
   * Adds a row.
   *
   * @param cells one per column
   * @return this table
   */
  public Table row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  /** The table with its header row. */
  @Override
  public String toString() {
    return render(true);
  }

  /**
   * A JSON value as a cell.
   *
   * @param value the value, or null
   * @return text as is, an object or array as JSON, null and absent as {@code -}
   */
  public static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "-";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private String render(boolean withHeader) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    if (withHeader) {
      all.add(headers);
    }
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - width(cell) + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Columns a terminal gives the text. */
  static int width(String s) {
    return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
