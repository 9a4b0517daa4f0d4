package io.meshbench.platform.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.analysis.Slo;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a search: a full run at one rate, its headline figures and the verdict. A step passes
 * when the run completed, every objective held and the generator was healthy (it sent at the
 * requested rate and was not saturated): a rate the generator could not offer proves nothing about
 * the target.
 *
 * @param step 1-based position in the search
 * @param failedBecause why it did not pass, in words; empty when it passed
 * @param result the step's whole result, histograms included
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "step",
  "rate_rps",
  "p50_ms",
  "p99_ms",
  "p99_9_ms",
  "throughput_rps",
  "error_rate",
  "sustained",
  "saturated",
  "passed",
  "failed_because",
  "result"
})
public record SearchStep(
    @JsonProperty("step") int step,
    @JsonProperty("rate_rps") double rateRps,
    @JsonProperty("p50_ms") double p50Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("p99_9_ms") double p99_9Ms,
    @JsonProperty("throughput_rps") double throughputRps,
    @JsonProperty("error_rate") double errorRate,
    @JsonProperty("sustained") boolean sustained,
    @JsonProperty("saturated") boolean saturated,
    @JsonProperty("passed") boolean passed,
    @JsonProperty("failed_because") List<String> failedBecause,
    @JsonProperty("result") RunResult result) {

  public SearchStep {
    failedBecause = failedBecause == null ? List.of() : List.copyOf(failedBecause);
  }

  /**
   * Judges one run.
   *
   * @param runError null when the run completed; else why it did not (nothing succeeded, …)
   */
  public static SearchStep judge(
      int step, double rateRps, RunResult r, String runError, List<Slo> slos) {
    List<String> reasons = new ArrayList<>();
    if (runError != null) {
      reasons.add(runError);
    }
    for (Slo slo : slos) {
      Slo.Check check = slo.check(r);
      if (!check.passed()) {
        reasons.add(slo.text() + " breached (" + check.actualText() + ")");
      }
    }
    if (!r.rateSustained()) {
      reasons.add(
          "rate not sustained (sent "
              + RateLadder.format(RateLadder.round(r.sendRateRps()))
              + " of "
              + RateLadder.format(rateRps)
              + " requests/s)");
    }
    if (r.loadgenSaturated()) {
      reasons.add("load generator saturated: this rate says nothing about the target");
    }
    return new SearchStep(
        step,
        rateRps,
        r.latencyMs().p50(),
        r.latencyMs().p99(),
        r.latencyMs().p99_9(),
        Math.round(r.throughputRps() * 10) / 10.0,
        r.errorRate(),
        r.rateSustained(),
        r.loadgenSaturated(),
        reasons.isEmpty(),
        reasons,
        r);
  }

  /** This step without its result, for listings and progress. */
  public SearchStep withoutResult() {
    return new SearchStep(
        step,
        rateRps,
        p50Ms,
        p99Ms,
        p99_9Ms,
        throughputRps,
        errorRate,
        sustained,
        saturated,
        passed,
        failedBecause,
        null);
  }
}
