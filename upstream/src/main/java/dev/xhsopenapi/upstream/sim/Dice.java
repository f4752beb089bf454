package dev.xhsopenapi.upstream.sim;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random choices behind generated data, all drawn from one {@link SplittableRandom} so that a
 * seed fixes every value. Only {@link StrictMath} is used, so results match on every JVM.
 */
final class Dice {
  private static final String BASE32 = "0123456789abcdefghijklmnopqrstuv";
  private static final HexFormat HEX = HexFormat.of();

  private final SplittableRandom random;

  Dice(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A seed for a dice of its own. */
  long nextSeed() {
    return random.nextLong();
  }

  /** A long in {@code [0, bound)}. */
  long below(long bound) {
    return random.nextLong(bound);
  }

  /** An int in {@code [min, max]}. */
  int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  /** A double in {@code [min, max)}. */
  double between(double min, double max) {
    return random.nextDouble(min, max);
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** One element of a non-empty list. */
  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** About normally distributed, mean 0 and deviation 1, within ±3 (a sum of uniforms). */
  double bell() {
    double sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += random.nextDouble();
    }
    return Math.clamp(sum - 6, -3.0, 3.0);
  }

  /** A count spread log-normally around {@code median}, capped at {@code max}. */
  long logNormal(double median, double spread, long max) {
    double value = median * StrictMath.exp(spread * bell());
    return Math.min(max, Math.round(value));
  }

  /** {@code n} lowercase hex digits. */
  String hex(int n) {
    StringBuilder digits = new StringBuilder(n);
    while (digits.length() < n) {
      digits.append(HEX.toHexDigits(random.nextLong()));
    }
    return digits.substring(0, n);
  }

  /** {@code n} characters of the lowercase base32 alphabet of the CDN's file ids. */
  String base32(int n) {
    StringBuilder chars = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      chars.append(BASE32.charAt(random.nextInt(BASE32.length())));
    }
    return chars.toString();
  }
}
