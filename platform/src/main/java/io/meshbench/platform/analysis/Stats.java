package io.meshbench.platform.analysis;

import java.util.Arrays;
import java.util.List;

/** The few statistics the analysis needs, over small lists of per-job or per-iteration figures. */
final class Stats {
  private Stats() {}

  /** The middle value; the mean of the two middle values when the count is even. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of nothing");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** {@code value − reference}. */
  static double delta(double value, double reference) {
    return round(value - reference);
  }

  /** The change relative to {@code reference} in percent; null when the reference is 0. */
  static Double percent(double value, double reference) {
    return reference == 0 ? null : round((value - reference) / reference * 100);
  }

  /**
   * Three decimals: microseconds for milliseconds, and enough for rates and percentages; it keeps
   * floating-point noise (0.30000000000000004) out of documents.
   */
  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
