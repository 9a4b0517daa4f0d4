package io.meshbench.platform.search;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Chooses the next rate of a search from the steps so far: double from the start rate while every
 * step passes (capped at the maximum), then bisect geometrically between the highest passing rate
 * and the lowest failing rate above it until they are within the precision.
 *
 * <p>Doubling then bisecting in log space needs about {@code log2(range) + log2(ln 2 / ln(1 +
 * precision))} steps: a 10× range at 5 % takes at most 8 (5 up, 3 down; or 4 up, 4 down).
 */
public final class RateLadder {
  static final double GROWTH = 2.0;

  private final double startRateRps;
  private final double maxRateRps;
  private final double precision;

  public RateLadder(double startRateRps, double maxRateRps, double precision) {
    this.startRateRps = startRateRps;
    this.maxRateRps = maxRateRps;
    this.precision = precision;
  }

  /** A rate tried and whether it passed. */
  public record Probe(double rateRps, boolean passed) {}

  /** The next rate to try, or empty when the search is over. */
  public OptionalDouble next(List<Probe> probes) {
    if (probes.isEmpty()) {
      return OptionalDouble.of(startRateRps);
    }
    double lowestFail = lowestFailing(probes);
    double highestPass = highestPassingBelow(probes, lowestFail);
    if (Double.isNaN(highestPass)) {
      return OptionalDouble.empty(); // nothing passed below the first failure: no passing rate
    }
    if (Double.isInfinite(lowestFail)) {
      if (highestPass >= maxRateRps) {
        return OptionalDouble.empty(); // the maximum passed: the knee lies above it
      }
      return OptionalDouble.of(round(Math.min(highestPass * GROWTH, maxRateRps)));
    }
    if (lowestFail <= highestPass * (1 + precision)) {
      return OptionalDouble.empty();
    }
    double mid = round(Math.sqrt(highestPass * lowestFail));
    if (mid <= highestPass || mid >= lowestFail) {
      return OptionalDouble.empty(); // rates closer than rounding allows
    }
    return OptionalDouble.of(mid);
  }

  /** The lowest failing rate, or +∞ when none failed. */
  static double lowestFailing(List<Probe> probes) {
    return probes.stream()
        .filter(p -> !p.passed())
        .mapToDouble(Probe::rateRps)
        .min()
        .orElse(Double.POSITIVE_INFINITY);
  }

  /**
   * The highest passing rate below {@code ceiling}, or NaN. A pass above a failure (noise) does not
   * count: the answer must sit below every rate seen to fail.
   */
  static double highestPassingBelow(List<Probe> probes, double ceiling) {
    return probes.stream()
        .filter(p -> p.passed() && p.rateRps() < ceiling)
        .mapToDouble(Probe::rateRps)
        .max()
        .orElse(Double.NaN);
  }

  /** Rates to 0.1 requests/s: finer steps measure nothing. */
  static double round(double rateRps) {
    return Math.round(rateRps * 10) / 10.0;
  }

  static String format(double rateRps) {
    return rateRps == Math.rint(rateRps)
        ? Long.toString((long) rateRps)
        : String.format(Locale.ROOT, "%.1f", rateRps);
  }
}
