package io.meshbench.engine.run;

import io.meshbench.engine.stats.IntervalSnapshot;

/**
 * Where a run stands.
 *
 * @param elapsedS seconds since the start, warm-up included
 * @param plannedS warm-up plus duration
 * @param interval the last second's figures; null during warm-up
 * @param requests outcomes recorded so far (after warm-up)
 * @param errors errors recorded so far (after warm-up)
 */
public record RunProgress(
    Phase phase,
    double elapsedS,
    double plannedS,
    IntervalSnapshot interval,
    long requests,
    long errors) {

  public enum Phase {
    CONNECTING,
    WARMUP,
    MEASURING,
    DRAINING
  }

  /** 0 to 1. */
  public double fraction() {
    return plannedS <= 0 ? 1 : Math.min(1, Math.max(0, elapsedS / plannedS));
  }
}
