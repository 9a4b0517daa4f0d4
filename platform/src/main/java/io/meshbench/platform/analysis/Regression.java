package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Whether a completed job is significantly worse than the preceding runs of the same spec (see
 * {@link RegressionCheck} for the test). Carried on the job document as {@code regression}.
 *
 * @param verdict {@code regression}, {@code no_regression}, or {@code insufficient_history} (fewer
 *     than {@value RegressionCheck#MIN_HISTORY} preceding runs: no verdict is possible)
 * @param precedingJobs how many preceding runs the job was compared with
 * @param metrics one line per figure checked; empty without enough history
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"verdict", "regressed", "test", "threshold_pct", "preceding_jobs", "metrics"})
public record Regression(
    @JsonProperty("verdict") String verdict,
    @JsonProperty("regressed") boolean regressed,
    @JsonProperty("test") String test,
    @JsonProperty("threshold_pct") double thresholdPct,
    @JsonProperty("preceding_jobs") int precedingJobs,
    @JsonProperty("metrics") List<Metric> metrics) {

  public static final String REGRESSION = "regression";
  public static final String NO_REGRESSION = "no_regression";
  public static final String INSUFFICIENT_HISTORY = "insufficient_history";

  public Regression {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /**
   * One figure: this job's value against the preceding runs' mean and the bound beyond which a
   * value is significantly worse.
   *
   * @param worseIsHigher true for latency, false for throughput
   * @param bound the one-sided 95 % prediction bound of the preceding runs
   * @param changePct this job's value against the preceding mean, in percent
   * @param worse outside the bound and at least the threshold worse
   */
  @JsonPropertyOrder({
    "metric",
    "value",
    "preceding_mean",
    "bound",
    "change_pct",
    "worse_is_higher",
    "worse"
  })
  public record Metric(
      @JsonProperty("metric") String metric,
      @JsonProperty("value") double value,
      @JsonProperty("preceding_mean") double precedingMean,
      @JsonProperty("bound") double bound,
      @JsonProperty("change_pct") Double changePct,
      @JsonProperty("worse_is_higher") boolean worseIsHigher,
      @JsonProperty("worse") boolean worse) {}
}
