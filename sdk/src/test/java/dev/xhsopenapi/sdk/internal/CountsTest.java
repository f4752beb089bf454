package dev.xhsopenapi.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** Like counts as Xiaohongshu shows them. */
class CountsTest {

  @Property
  void plainNumbers_withOrWithoutGrouping_readAsThemselves(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long n) {
    assertThat(Counts.parse(Long.toString(n))).hasValue(n);
    assertThat(Counts.parse(String.format(Locale.US, "%,d", n))).hasValue(n);
    assertThat(Counts.parse(" " + n + " ")).hasValue(n);
  }

  @Property
  void tenThousands_withOneDecimal_readExactly(
      @ForAll @IntRange(min = 0, max = 99_999) int whole,
      @ForAll @IntRange(min = 0, max = 9) int tenth) {
    long expected = whole * 10_000L + tenth * 1_000L;
    String number = whole + "." + tenth;
    assertThat(Counts.parse(number + "万")).hasValue(expected);
    assertThat(Counts.parse(number + "w")).hasValue(expected);
    assertThat(Counts.parse(number + "W")).hasValue(expected);
    assertThat(Counts.parse(number + "万+")).hasValue(expected);
  }

  @Property
  void thousands_withOneDecimal_readExactly(
      @ForAll @IntRange(min = 0, max = 9_999) int whole,
      @ForAll @IntRange(min = 0, max = 9) int tenth) {
    long expected = whole * 1_000L + tenth * 100L;
    assertThat(Counts.parse(whole + "." + tenth + "千")).hasValue(expected);
    assertThat(Counts.parse(whole + "." + tenth + "k")).hasValue(expected);
  }

  @Property
  void theAppsRoundedDisplay_readsBackWithinItsRounding(
      @ForAll @LongRange(min = 10_000, max = 999_999_999) long likes) {
    String shown = String.format(Locale.ROOT, "%.1f万", likes / 10_000.0);

    long read = Counts.parse(shown).orElseThrow();

    assertThat(Math.abs(read - likes)).isLessThanOrEqualTo(500);
  }

  @Property
  void words_areNotCounts(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String word) {
    assertThat(Counts.parse(word)).isEmpty();
  }

  @Example
  void examples() {
    assertThat(Counts.parse("9.7万")).hasValue(97_000);
    assertThat(Counts.parse("1.2w")).hasValue(12_000);
    assertThat(Counts.parse("3千")).hasValue(3_000);
    assertThat(Counts.parse("1,234")).hasValue(1_234);
    assertThat(Counts.parse("1.5亿")).hasValue(150_000_000);
    assertThat(Counts.parse("10万+")).hasValue(100_000);
    assertThat(Counts.parse("")).isEmpty();
    assertThat(Counts.parse("-5")).isEmpty();
    assertThat(Counts.parse("1.2.3")).isEmpty();
    assertThat(Counts.parse("99999999999999999999")).isEmpty();
  }
}
