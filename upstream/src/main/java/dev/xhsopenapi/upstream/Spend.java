package dev.xhsopenapi.upstream;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.atomic.LongAdder;

/**
 * What calls to commercial sources cost the operator, added up: the configured {@code cost} of each
 * call a source billed. Kept in millionths of the cost's unit (e.g. micro-USD when costs are
 * written in USD), so that sums are exact; costs with more than six decimals are rounded half-up.
 * Thread-safe. This money is the operator's: it is reported, never billed to a customer.
 */
public final class Spend {
  private static final int SCALE = 6;
  private final LongAdder micros = new LongAdder();

  /** Adds one billed call's cost (zero or more). */
  public void add(BigDecimal cost) {
    micros.add(micros(cost));
  }

  /** The total in millionths of the cost's unit. */
  public long micros() {
    return micros.sum();
  }

  /** The total in the cost's unit, six decimals, e.g. {@code 0.012000}. */
  public BigDecimal total() {
    return BigDecimal.valueOf(micros(), SCALE);
  }

  /** A cost in millionths of its unit, rounded half-up. */
  public static long micros(BigDecimal cost) {
    return cost.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }
}
