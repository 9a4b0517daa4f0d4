package io.meshbench.platform.search;

import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.analysis.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Runs a search: one full step per rate that {@link RateLadder} chooses, each judged alone. */
public final class RateSearch {

  /** Runs one step at a rate, start to end (warm-up included), in whatever way the caller can. */
  @FunctionalInterface
  public interface StepRunner {
    /**
     * @return the step's result and, when the run did not complete, why
     */
    StepRun run(double rateRps) throws InterruptedException;
  }

  /** A step's result and its error (null when the run completed). */
  public record StepRun(RunResult result, String error, boolean cancelled) {
    public static StepRun completed(RunResult result) {
      return new StepRun(result, null, false);
    }
  }

  /** Hears of each step as it ends. */
  @FunctionalInterface
  public interface StepListener {
    void onStep(SearchStep step);

    StepListener NONE = step -> {};
  }

  private final SearchSpec spec;
  private final List<Slo> slos;
  private final StepRunner runner;
  private volatile boolean cancelled;

  /**
   * @throws SearchSpec.SearchSpecException when the spec is invalid
   */
  public RateSearch(SearchSpec spec, StepRunner runner) {
    this.slos = spec.validate();
    this.spec = spec;
    this.runner = runner;
  }

  /** Ends the search after the step under way (which the caller's runner should stop). */
  public void cancel() {
    cancelled = true;
  }

  public SearchResult run(StepListener listener) throws InterruptedException {
    RateLadder ladder = new RateLadder(spec.startRateRps(), spec.maxRateRps(), spec.precision());
    List<RateLadder.Probe> probes = new ArrayList<>();
    List<SearchStep> steps = new ArrayList<>();
    while (!cancelled) {
      OptionalDouble next = ladder.next(probes);
      if (next.isEmpty()) {
        break;
      }
      double rate = next.getAsDouble();
      StepRun run = runner.run(rate);
      if (run.cancelled() || cancelled) {
        cancelled = true;
        break;
      }
      SearchStep step = SearchStep.judge(steps.size() + 1, rate, run.result(), run.error(), slos);
      steps.add(step);
      probes.add(new RateLadder.Probe(rate, step.passed()));
      listener.onStep(step);
    }
    return conclude(probes, steps);
  }

  private SearchResult conclude(List<RateLadder.Probe> probes, List<SearchStep> steps) {
    double lowestFail = RateLadder.lowestFailing(probes);
    double highestPass = RateLadder.highestPassingBelow(probes, lowestFail);
    Double answer = Double.isNaN(highestPass) ? null : highestPass;
    Integer proving = null;
    if (answer != null) {
      for (SearchStep s : steps) {
        if (s.passed() && s.rateRps() == highestPass) {
          proving = s.step();
        }
      }
    }
    Double failing = Double.isInfinite(lowestFail) ? null : lowestFail;
    String outcome;
    if (cancelled) {
      outcome = SearchResult.CANCELLED;
    } else if (answer == null) {
      outcome = SearchResult.NO_PASSING_RATE;
    } else if (failing == null) {
      outcome = SearchResult.MAX_RATE_PASSED;
    } else if (lowestFailingStepSaturated(steps, lowestFail)) {
      outcome = SearchResult.LOADGEN_LIMITED;
    } else {
      outcome = SearchResult.FOUND;
    }
    return new SearchResult(outcome, answer, proving, failing, spec, steps);
  }

  /** A saturated step says nothing about the target: the knee it bounds is the generator's. */
  private static boolean lowestFailingStepSaturated(List<SearchStep> steps, double rateRps) {
    return steps.stream().anyMatch(s -> !s.passed() && s.rateRps() == rateRps && s.saturated());
  }
}
