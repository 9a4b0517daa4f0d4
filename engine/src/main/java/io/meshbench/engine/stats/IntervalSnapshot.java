package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

/**
 * One second of a run after warm-up: {@code tS} is the end of the interval in seconds since the
 * measured phase began. {@code completed} counts the requests that finished in the interval
 * (successes and errors); {@code rps} is successes per second over the interval's real length (the
 * coordinator's wake-up may come late, so it is measured, not assumed to be 1 s); the percentiles
 * are of corrected latency. Completions after the measured end are not in any point (see {@link
 * RunResult#completedAfterEnd()}).
 *
 * <p>The percentiles are null (JSON {@code null}, always written) for a second in which no request
 * succeeded: the target stalled (nothing came back) or answered only errors. Such a second has no
 * latency sample, and 0 ms would read as the fastest second of the run when it was the slowest.
 * Documents written before this rule carry 0 there.
 *
 * <p>{@code histogram} and {@code serviceHistogram} are the interval's own corrected and service
 * time histograms (microseconds, {@link HistogramCodec}), so that HdrHistogram interval logs can be
 * written from a document. They are null in documents written before they existed and in merged
 * points whose parts lacked them.
 */
@JsonPropertyOrder({
  "t_s",
  "rps",
  "completed",
  "errors",
  "p50_ms",
  "p90_ms",
  "p99_ms",
  "max_ms",
  "histogram",
  "service_histogram"
})
public record IntervalSnapshot(
    @JsonProperty("t_s") double tS,
    @JsonProperty("rps") double rps,
    @JsonProperty("completed") long completed,
    @JsonProperty("errors") long errors,
    @JsonProperty("p50_ms") @JsonInclude(JsonInclude.Include.ALWAYS) Double p50Ms,
    @JsonProperty("p90_ms") @JsonInclude(JsonInclude.Include.ALWAYS) Double p90Ms,
    @JsonProperty("p99_ms") @JsonInclude(JsonInclude.Include.ALWAYS) Double p99Ms,
    @JsonProperty("max_ms") @JsonInclude(JsonInclude.Include.ALWAYS) Double maxMs,
    @JsonProperty("histogram") @JsonInclude(JsonInclude.Include.NON_NULL) String histogram,
    @JsonProperty("service_histogram") @JsonInclude(JsonInclude.Include.NON_NULL)
        String serviceHistogram) {

  /** A point without interval histograms; null percentiles for a second without a success. */
  public IntervalSnapshot(
      double tS,
      double rps,
      long completed,
      long errors,
      Double p50Ms,
      Double p90Ms,
      Double p99Ms,
      Double maxMs) {
    this(tS, rps, completed, errors, p50Ms, p90Ms, p99Ms, maxMs, null, null);
  }

  /**
   * The point of one interval, read from its own histograms (microseconds): corrected latency of
   * the successes, and their service times. The percentiles are null when {@code corrected} is
   * empty, i.e. nothing succeeded in the interval.
   *
   * @param completed successes and errors that finished in the interval
   */
  public static IntervalSnapshot of(
      double tS, double rps, long completed, long errors, Histogram corrected, Histogram service) {
    String encoded = HistogramCodec.encode(corrected);
    String serviceEncoded = HistogramCodec.encode(service);
    if (corrected.getTotalCount() == 0) {
      return new IntervalSnapshot(
          tS, rps, completed, errors, null, null, null, null, encoded, serviceEncoded);
    }
    // Only the four figures a point carries: the whole summary's mean and deviation walk every
    // recorded value, most of a snapshot's cost, once a second on the coordinator's thread (which
    // shares the load thread's core when the process has one, as in a CPU-limited pod).
    return new IntervalSnapshot(
        tS,
        rps,
        completed,
        errors,
        LatencyStats.msAtPercentile(corrected, 50),
        LatencyStats.msAtPercentile(corrected, 90),
        LatencyStats.msAtPercentile(corrected, 99),
        LatencyStats.msAtPercentile(corrected, 100),
        encoded,
        serviceEncoded);
  }

  /** This point at another time (the same figures and histograms). */
  public IntervalSnapshot at(double newTS) {
    return new IntervalSnapshot(
        newTS, rps, completed, errors, p50Ms, p90Ms, p99Ms, maxMs, histogram, serviceHistogram);
  }

  /** Whether both interval histograms travel with this point. */
  public boolean hasHistograms() {
    return histogram != null && serviceHistogram != null;
  }

  /** Whether some request succeeded in this second, so that its percentiles are figures. */
  public boolean hasLatency() {
    return p99Ms != null;
  }
}
