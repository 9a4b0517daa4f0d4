package io.meshbench.platform.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a search found: its steps in the order run and the answer, {@code max_rate_rps}, the highest
 * rate that passed below every rate that failed, proved by step {@code proving_step}.
 *
 * @param outcome {@code found} (a passing and a failing rate within the precision), {@code
 *     max_rate_passed} (the answer is the maximum tried: the knee lies above it), {@code
 *     loadgen_limited} (the lowest failing rate failed because the load generator saturated: the
 *     target's knee may lie above it), {@code no_passing_rate} (the start rate already failed),
 *     {@code cancelled}
 * @param maxRateRps the answer; null when nothing passed
 * @param provingStep the step whose run proved the answer; null with it
 * @param lowestFailingRateRps the knee's upper bound: the lowest rate that failed; null when none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "outcome",
  "max_rate_rps",
  "proving_step",
  "lowest_failing_rate_rps",
  "spec",
  "steps"
})
public record SearchResult(
    @JsonProperty("outcome") String outcome,
    @JsonProperty("max_rate_rps") Double maxRateRps,
    @JsonProperty("proving_step") Integer provingStep,
    @JsonProperty("lowest_failing_rate_rps") Double lowestFailingRateRps,
    @JsonProperty("spec") SearchSpec spec,
    @JsonProperty("steps") List<SearchStep> steps) {

  public static final String FOUND = "found";
  public static final String MAX_RATE_PASSED = "max_rate_passed";
  public static final String LOADGEN_LIMITED = "loadgen_limited";
  public static final String NO_PASSING_RATE = "no_passing_rate";
  public static final String CANCELLED = "cancelled";

  public SearchResult {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Whether the search found a rate at which every objective held. */
  public boolean passed() {
    return maxRateRps != null;
  }

  /** The step that proved the answer, or null. */
  public SearchStep proving() {
    return provingStep == null ? null : steps.get(provingStep - 1);
  }

  /** One sentence for reports and the job's end. */
  public String verdict() {
    return switch (outcome) {
      case FOUND ->
          "max rate "
              + RateLadder.format(maxRateRps)
              + " requests/s with every objective held (step "
              + provingStep
              + "); "
              + RateLadder.format(lowestFailingRateRps)
              + " requests/s failed";
      case LOADGEN_LIMITED ->
          "every objective held up to "
              + RateLadder.format(maxRateRps)
              + " requests/s (step "
              + provingStep
              + "); at "
              + RateLadder.format(lowestFailingRateRps)
              + " requests/s the load generator saturated, so the target's knee may lie higher:"
              + " give the generator more cores or --threads, or spread it over workers";
      case MAX_RATE_PASSED ->
          "every objective held up to the highest rate tried, "
              + RateLadder.format(maxRateRps)
              + " requests/s: the knee lies above it (raise max_rate)";
      case NO_PASSING_RATE ->
          "no passing rate: the start rate "
              + RateLadder.format(spec.startRateRps())
              + " requests/s already failed ("
              + String.join("; ", steps.get(0).failedBecause())
              + ")";
      default ->
          "cancelled after "
              + steps.size()
              + " steps"
              + (maxRateRps == null
                  ? ""
                  : "; " + RateLadder.format(maxRateRps) + " requests/s held");
    };
  }
}
