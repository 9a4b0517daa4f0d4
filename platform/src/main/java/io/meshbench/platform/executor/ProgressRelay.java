package io.meshbench.platform.executor;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResults;
import io.meshbench.platform.cluster.WorkerProtocol;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the workers' latest progress lines into one {@link RunProgress} for the job's listener:
 * counts and rates add, the phase is the least advanced worker's, and the last second's percentiles
 * come from the sum of the workers' interval histograms (which travel in each progress line).
 */
final class ProgressRelay {
  private final RunListener listener;
  private final LoadSpec workerSpec;
  private boolean measuring;

  ProgressRelay(RunListener listener, LoadSpec workerSpec) {
    this.listener = listener;
    this.workerSpec = workerSpec;
  }

  void relay(Map<String, WorkerProtocol.Progress> latest) {
    if (latest.isEmpty()) {
      return;
    }
    RunProgress.Phase phase = RunProgress.Phase.DRAINING;
    double elapsedS = 0;
    long requests = 0;
    long errors = 0;
    IntervalSnapshot interval = null;
    boolean anyMeasuring = false;
    for (WorkerProtocol.Progress p : latest.values()) {
      RunProgress.Phase workerPhase = RunProgress.Phase.valueOf(p.phase().toUpperCase(Locale.ROOT));
      if (workerPhase.ordinal() < phase.ordinal()) {
        phase = workerPhase;
      }
      anyMeasuring |= workerPhase == RunProgress.Phase.MEASURING;
      elapsedS = Math.max(elapsedS, p.elapsedS());
      requests += p.requests();
      errors += p.errors();
      if (p.interval() != null) {
        interval = interval == null ? p.interval() : RunResults.combine(interval, p.interval());
      }
    }
    measuring = anyMeasuring;
    double plannedS = (workerSpec.warmupMs() + workerSpec.durationMs()) / 1000.0;
    listener.onProgress(new RunProgress(phase, elapsedS, plannedS, interval, requests, errors));
  }

  /** Whether some worker is in its measured window now: the time to sample pod metrics. */
  boolean measuring() {
    return measuring;
  }
}
