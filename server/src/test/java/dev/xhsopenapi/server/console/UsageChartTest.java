package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.usage.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usage chart's geometry and axis. */
class UsageChartTest {
  @Test
  void roundUp_givesOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(UsageChart.roundUp(1)).isEqualTo(1);
    assertThat(UsageChart.roundUp(3)).isEqualTo(5);
    assertThat(UsageChart.roundUp(11)).isEqualTo(20);
    assertThat(UsageChart.roundUp(500)).isEqualTo(500);
    assertThat(UsageChart.roundUp(501)).isEqualTo(1000);
  }

  @Test
  void intervals_splitTheAxisIntoWholeNumbers() {
    for (long max : new long[] {1, 2, 5, 10, 20, 50, 100, 2000, 50_000}) {
      int n = UsageChart.intervals(max);
      assertThat(n).as("%d", max).isBetween(1, 5);
      assertThat(max % n).as("%d", max).isZero();
    }
  }

  @Test
  void of_scalesBarsToTheLargestDay_withErrorsInside() {
    LocalDate d = LocalDate.parse("2026-11-01");
    Map<String, Object> chart =
        UsageChart.of(
            List.of(
                new Usage.Day(d, 0, 0, 0, BigDecimal.ZERO),
                new Usage.Day(d.plusDays(1), 10, 8, 2, BigDecimal.ZERO)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bars = (List<Map<String, Object>>) chart.get("bars");
    assertThat(bars).hasSize(2);
    assertThat(bars.get(0).get("h")).isEqualTo("0.0");
    assertThat(bars.get(1).get("h")).isEqualTo("174.0");
    assertThat(bars.get(1).get("eh")).isEqualTo("34.8");
    assertThat(bars.get(1).get("title")).isEqualTo("2026-11-02: 10 calls, 8 charged, 2 errors");
  }
}
