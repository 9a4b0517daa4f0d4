package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.AbstractHistogram;

/**
 * Summary of a latency histogram in milliseconds; every figure is read from the whole histogram.
 */
public record LatencyStats(
    @JsonProperty("min") double min,
    @JsonProperty("mean") double mean,
    @JsonProperty("stdev") double stdev,
    @JsonProperty("p50") double p50,
    @JsonProperty("p75") double p75,
    @JsonProperty("p90") double p90,
    @JsonProperty("p95") double p95,
    @JsonProperty("p99") double p99,
    @JsonProperty("p99_9") double p99_9,
    @JsonProperty("p99_99") double p99_99,
    @JsonProperty("max") double max) {

  public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Reads a histogram whose values are microseconds. */
  public static LatencyStats ofMicros(AbstractHistogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencyStats(
        ms(h.getMinValue()),
        round(h.getMean() / 1000.0),
        round(h.getStdDeviation() / 1000.0),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(75)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)),
        ms(h.getValueAtPercentile(99.99)),
        ms(h.getMaxValue()));
  }

  /**
   * One percentile of a histogram whose values are microseconds, in milliseconds as {@link
   * #ofMicros} gives it (100 is the maximum).
   */
  static double msAtPercentile(AbstractHistogram h, double percentile) {
    return ms(percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile));
  }

  /** The figure for a percentile key as used by SLOs and reports, e.g. "p99" or "p99_9". */
  public double byKey(String key) {
    return switch (key) {
      case "min" -> min;
      case "mean" -> mean;
      case "stdev" -> stdev;
      case "p50" -> p50;
      case "p75" -> p75;
      case "p90" -> p90;
      case "p95" -> p95;
      case "p99" -> p99;
      case "p99_9" -> p99_9;
      case "p99_99" -> p99_99;
      case "max" -> max;
      default -> throw new IllegalArgumentException("unknown latency figure " + key);
    };
  }

  private static double ms(long micros) {
    return round(micros / 1000.0);
  }

  /** Microsecond resolution is all a value in milliseconds can honestly carry. */
  private static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
