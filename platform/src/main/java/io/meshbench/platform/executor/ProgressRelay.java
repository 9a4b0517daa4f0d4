package io.meshbench.platform.executor;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.cluster.WorkerProtocol;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the workers' latest progress lines into one {@link RunProgress} for the job's listener:
 * counts and rates add, the phase is the least advanced worker's, p99 is the worst worker's (a
 * bound, since interval histograms do not travel).
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
    double rps = 0;
    double p99Ms = 0;
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
      rps += p.rps();
      p99Ms = Math.max(p99Ms, p.p99Ms());
    }
    measuring = anyMeasuring;
    double plannedS = (workerSpec.warmupMs() + workerSpec.durationMs()) / 1000.0;
    IntervalSnapshot interval =
        anyMeasuring ? new IntervalSnapshot(elapsedS, rps, 0, 0, 0, 0, p99Ms, p99Ms) : null;
    listener.onProgress(new RunProgress(phase, elapsedS, plannedS, interval, requests, errors));
  }

  /** Whether some worker is in its measured window now: the time to sample pod metrics. */
  boolean measuring() {
    return measuring;
  }
}
