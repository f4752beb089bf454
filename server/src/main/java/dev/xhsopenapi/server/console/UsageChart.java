package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.usage.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls per day as bars of an inline SVG, laid out here so that the page needs no script: each bar
 * is the day's calls, its lower part the errors, with the numbers in a tooltip.
 */
final class UsageChart {
  static final int WIDTH = 720;
  static final int HEIGHT = 220;
  private static final int TOP = 16;
  private static final int BASELINE = 190;
  private static final int LEFT = 44;

  private UsageChart() {}

  /** The chart's model: {@code bars}, {@code max}, {@code width}, {@code height}, grid lines. */
  static Map<String, Object> of(List<Usage.Day> days) {
    long max = 1;
    for (Usage.Day d : days) {
      max = Math.max(max, d.calls());
    }
    max = roundUp(max);
    double slot = (WIDTH - LEFT) / (double) Math.max(1, days.size());
    double barWidth = Math.max(2, slot * 0.7);
    int plot = BASELINE - TOP;
    List<Map<String, Object>> bars = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      Usage.Day d = days.get(i);
      double x = LEFT + i * slot + (slot - barWidth) / 2;
      double h = plot * (double) d.calls() / max;
      double errors = plot * (double) Math.min(d.errors(), d.calls()) / max;
      Map<String, Object> bar = new HashMap<>();
      bar.put("x", fmt(x));
      bar.put("y", fmt(BASELINE - h));
      bar.put("w", fmt(barWidth));
      bar.put("h", fmt(h));
      bar.put("ey", fmt(BASELINE - errors));
      bar.put("eh", fmt(errors));
      bar.put("labelX", fmt(x + barWidth / 2));
      // Every other label when days are many, so that they do not overlap on a phone.
      bar.put("label", days.size() <= 16 || i % 2 == 0 ? d.day().toString().substring(5) : "");
      bar.put(
          "title",
          d.day()
              + ": "
              + d.calls()
              + " calls, "
              + d.charged()
              + " charged, "
              + d.errors()
              + " errors");
      bars.add(bar);
    }
    List<Map<String, Object>> grid = new ArrayList<>();
    int intervals = intervals(max);
    for (int step = 0; step <= intervals; step++) {
      long value = max * step / intervals;
      double y = BASELINE - plot * step / (double) intervals;
      Map<String, Object> line = new HashMap<>();
      line.put("y", fmt(y));
      line.put("labelY", fmt(y + 4));
      line.put("value", Formats.number(value));
      grid.add(line);
    }
    Map<String, Object> chart = new HashMap<>();
    chart.put("bars", bars);
    chart.put("grid", grid);
    chart.put("width", WIDTH);
    chart.put("height", HEIGHT);
    chart.put("left", LEFT);
    chart.put("baseline", BASELINE);
    chart.put("labelY", BASELINE + 18);
    return chart;
  }

  /** A round axis maximum at or above {@code n}: 1, 2 or 5 times a power of ten. */
  static long roundUp(long n) {
    long power = 1;
    while (power * 10 <= n) {
      power *= 10;
    }
    for (long m : new long[] {1, 2, 5, 10}) {
      if (m * power >= n) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** Grid intervals that split a {@link #roundUp} maximum into whole numbers. */
  static int intervals(long max) {
    if (max <= 5) {
      return (int) max;
    }
    long leading = max;
    while (leading >= 10) {
      leading /= 10;
    }
    // 10 = 5 × 2, 20 = 4 × 5, 50 = 5 × 10 (and so on for every power of ten).
    return leading == 2 ? 4 : 5;
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
