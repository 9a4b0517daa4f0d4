package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One second of a run after warm-up: {@code tS} is the end of the interval in seconds since the
 * measured phase began. {@code completed} counts the requests that finished in the interval
 * (successes and errors); {@code rps} is successes per second over the interval's real length (the
 * coordinator's wake-up may come late, so it is measured, not assumed to be 1 s); the percentiles
 * are of corrected latency. Completions after the measured end are not in any point (see {@link
 * RunResult#completedAfterEnd()}).
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
    @JsonProperty("p50_ms") double p50Ms,
    @JsonProperty("p90_ms") double p90Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("max_ms") double maxMs,
    @JsonProperty("histogram") @JsonInclude(JsonInclude.Include.NON_NULL) String histogram,
    @JsonProperty("service_histogram") @JsonInclude(JsonInclude.Include.NON_NULL)
        String serviceHistogram) {

  /** A point without interval histograms. */
  public IntervalSnapshot(
      double tS,
      double rps,
      long completed,
      long errors,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs) {
    this(tS, rps, completed, errors, p50Ms, p90Ms, p99Ms, maxMs, null, null);
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
}
