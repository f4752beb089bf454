package dev.xhsopenapi.cli.testing;

import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV text into records, as a spreadsheet would. */
public final class CsvReader {
  private CsvReader() {}

  /** Every record of {@code text}; quoted fields may hold commas, quotes and line breaks. */
  public static List<List<String>> read(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case ',' -> {
          record.add(field.toString());
          field.setLength(0);
        }
        case '\r' -> {
          if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
            throw new IllegalArgumentException("bare CR at " + i);
          }
        }
        case '\n' -> {
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
        }
        default -> field.append(c);
      }
      i++;
    }
    if (quoted || field.length() > 0 || !record.isEmpty()) {
      throw new IllegalArgumentException("the text does not end with a whole record");
    }
    return records;
  }
}
