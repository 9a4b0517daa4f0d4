package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A job's latency against percentile, as HdrHistogram's {@code outputPercentileDistribution} and
 * its plotter draw it: percentile levels halve the distance to 100 % in {@value #TICKS_PER_HALF}
 * steps, and the x axis is {@code log10(1 / (1 - p))} so that 90 %, 99 %, 99.9 % … are evenly
 * spaced. The 100 % level (x = ∞) is left out of the points and reported as {@code max_ms}.
 *
 * @param corrected latency from the intended send time
 * @param service latency from the actual send time (uncorrected); empty when the job has none
 */
@JsonPropertyOrder({"job_id", "corrected", "service"})
public record PercentileSpectrum(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("corrected") Curve corrected,
    @JsonProperty("service") Curve service) {

  /** Steps per halving of the distance to 100 %, as in HdrHistogram's percentile output. */
  static final int TICKS_PER_HALF = 5;

  /**
   * One curve.
   *
   * @param count values recorded
   * @param maxMs the largest value, at the 100 % level that has no finite x
   */
  @JsonPropertyOrder({"count", "max_ms", "points"})
  public record Curve(
      @JsonProperty("count") long count,
      @JsonProperty("max_ms") double maxMs,
      @JsonProperty("points") List<Point> points) {}

  /**
   * One level.
   *
   * @param percentile 0–100
   * @param x {@code log10(1 / (1 - percentile / 100))}
   * @param valueMs the highest value at this level, in milliseconds
   */
  @JsonPropertyOrder({"percentile", "x", "value_ms"})
  public record Point(
      @JsonProperty("percentile") double percentile,
      @JsonProperty("x") double x,
      @JsonProperty("value_ms") double valueMs) {}

  /** The spectrum of a finished result; its histograms hold microseconds. */
  public static PercentileSpectrum of(String jobId, RunResult result) {
    return new PercentileSpectrum(
        jobId, curve(result.histogram()), curve(result.serviceHistogram()));
  }

  static Curve curve(String encoded) {
    Histogram h = HistogramCodec.decode(encoded);
    List<Point> points = new ArrayList<>();
    if (h.getTotalCount() > 0) {
      for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF)) {
        double p = v.getPercentileLevelIteratedTo();
        if (p >= 100.0) {
          break; // x would be infinite; the maximum is reported apart
        }
        double x = Math.log10(1.0 / (1.0 - p / 100.0));
        points.add(new Point(p, x, ms(v.getValueIteratedTo())));
      }
    }
    return new Curve(h.getTotalCount(), h.getTotalCount() == 0 ? 0 : ms(h.getMaxValue()), points);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
