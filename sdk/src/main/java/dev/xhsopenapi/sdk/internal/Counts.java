package dev.xhsopenapi.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads the counts Xiaohongshu shows: plain numbers, or text such as {@code "9.7万"}, {@code
 * "1.2w"}, {@code "3千"}, {@code "1.5k"}, {@code "2亿"}, {@code "1,234"} or {@code "10万+"}.
 */
public final class Counts {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
  private static final BigDecimal HUNDRED_MILLION = BigDecimal.valueOf(100_000_000);

  private Counts() {}

  /**
   * The count a JSON value stands for.
   *
   * @param node a number, a text such as {@code "9.7万"}, or null
   * @return the count rounded to a whole number, or empty when the value is absent or unreadable
   */
  public static OptionalLong of(JsonNode node) {
    if (node == null || node.isNull()) {
      return OptionalLong.empty();
    }
    if (node.isNumber()) {
      return whole(node.decimalValue());
    }
    return node.isTextual() ? parse(node.asText()) : OptionalLong.empty();
  }

  /**
   * The count a text stands for.
   *
   * @param text such as {@code "97000"}, {@code "9.7万"}, {@code "1.2w"}, {@code "1,234"}
   * @return the count rounded to a whole number, or empty when the text is not a count
   */
  public static OptionalLong parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT).replace(",", "").replace("，", "");
    if (s.endsWith("+")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    BigDecimal unit = s.isEmpty() ? null : unit(s.charAt(s.length() - 1));
    if (unit == null) {
      unit = BigDecimal.ONE;
    } else {
      s = s.substring(0, s.length() - 1).strip();
    }
    if (!s.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
      return OptionalLong.empty();
    }
    return whole(new BigDecimal(s).multiply(unit));
  }

  /** The value of a unit suffix, or null when {@code c} is none. */
  private static BigDecimal unit(char c) {
    return switch (c) {
      case '万', 'w' -> TEN_THOUSAND;
      case '千', 'k' -> THOUSAND;
      case '亿' -> HUNDRED_MILLION;
      default -> null;
    };
  }

  private static OptionalLong whole(BigDecimal value) {
    if (value.signum() < 0) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(value.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      // Larger than a long: no real count is, so the value is not a count.
      return OptionalLong.empty();
    }
  }
}
