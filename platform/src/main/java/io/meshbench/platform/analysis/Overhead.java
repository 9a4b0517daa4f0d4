package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.stats.RunResult;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one job costs against the reference (the baseline), figure by figure, with a 95 % confidence
 * interval when both jobs have at least 2 iterations.
 *
 * <p>With iterations on both sides, each delta is the difference of the per-iteration means and its
 * interval is {@link DifferenceInterval} (Welch); percentages divide by the reference's mean (the
 * reference's own uncertainty is not propagated into them). Otherwise the delta is between the
 * jobs' whole-run figures and no interval is given: one run per side says nothing about run-to-run
 * spread, and {@code note} says so.
 *
 * @param method how the intervals were computed; null when there are none
 * @param note a plain-words caveat (no interval possible, not significant); null when none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"method", "note", "p50_ms", "p99_ms", "p99_9_ms", "throughput_rps"})
public record Overhead(
    @JsonProperty("method") String method,
    @JsonProperty("note") String note,
    @JsonProperty("p50_ms") Figure p50Ms,
    @JsonProperty("p99_ms") Figure p99Ms,
    @JsonProperty("p99_9_ms") Figure p99_9Ms,
    @JsonProperty("throughput_rps") Figure throughputRps) {

  public static final String ONE_ITERATION =
      "one iteration on at least one side: no confidence interval can be given (run with"
          + " iterations >= 2)";

  /**
   * One figure's overhead.
   *
   * @param significant whether the interval excludes 0; null without an interval
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "delta",
    "delta_pct",
    "ci95_low",
    "ci95_high",
    "ci95_low_pct",
    "ci95_high_pct",
    "significant"
  })
  public record Figure(
      @JsonProperty("delta") double delta,
      @JsonProperty("delta_pct") Double deltaPct,
      @JsonProperty("ci95_low") Double ci95Low,
      @JsonProperty("ci95_high") Double ci95High,
      @JsonProperty("ci95_low_pct") Double ci95LowPct,
      @JsonProperty("ci95_high_pct") Double ci95HighPct,
      @JsonProperty("significant") Boolean significant) {

    /** In words, for tables: "+2.500 (+25.0%) 95% CI [+1.2, +3.8]" or "… not significant". */
    public boolean hasInterval() {
      return ci95Low != null;
    }
  }

  static Overhead of(
      RunResult job, List<RunResult> jobRuns, RunResult reference, List<RunResult> referenceRuns) {
    boolean intervals = jobRuns.size() >= 2 && referenceRuns.size() >= 2;
    Figure p50 =
        figure(r -> r.latencyMs().p50(), job, jobRuns, reference, referenceRuns, intervals);
    Figure p99 =
        figure(r -> r.latencyMs().p99(), job, jobRuns, reference, referenceRuns, intervals);
    Figure p999 =
        figure(r -> r.latencyMs().p99_9(), job, jobRuns, reference, referenceRuns, intervals);
    Figure tput =
        figure(RunResult::throughputRps, job, jobRuns, reference, referenceRuns, intervals);
    String note;
    if (!intervals) {
      note = ONE_ITERATION;
    } else {
      List<String> notSignificant =
          List.of(
                  p50.significant() ? "" : "p50",
                  p99.significant() ? "" : "p99",
                  p999.significant() ? "" : "p99.9",
                  tput.significant() ? "" : "throughput")
              .stream()
              .filter(s -> !s.isEmpty())
              .toList();
      note =
          notSignificant.isEmpty()
              ? null
              : "not significant (the 95% interval includes 0): "
                  + String.join(", ", notSignificant);
    }
    return new Overhead(intervals ? DifferenceInterval.METHOD : null, note, p50, p99, p999, tput);
  }

  private static Figure figure(
      ToDoubleFunction<RunResult> value,
      RunResult job,
      List<RunResult> jobRuns,
      RunResult reference,
      List<RunResult> referenceRuns,
      boolean intervals) {
    if (!intervals) {
      double v = value.applyAsDouble(job);
      double ref = value.applyAsDouble(reference);
      return new Figure(Stats.delta(v, ref), Stats.percent(v, ref), null, null, null, null, null);
    }
    DifferenceInterval ci =
        DifferenceInterval.of95(
            referenceRuns.stream().map(value::applyAsDouble).toList(),
            jobRuns.stream().map(value::applyAsDouble).toList());
    double refMean = ci.referenceMean();
    return new Figure(
        ci.delta(),
        refMean == 0 ? null : Stats.round(ci.delta() / refMean * 100),
        ci.ci95Low(),
        ci.ci95High(),
        refMean == 0 ? null : Stats.round(ci.ci95Low() / refMean * 100),
        refMean == 0 ? null : Stats.round(ci.ci95High() / refMean * 100),
        ci.significant());
  }
}
