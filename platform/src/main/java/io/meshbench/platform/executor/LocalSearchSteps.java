package io.meshbench.platform.executor;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.search.RateSearch;

/**
 * Runs the steps of a search in this process: each step a fresh {@link LocalRun} of the template
 * spec at the step's rate (new connections, a fresh built-in target when one is used), so that no
 * step inherits another's backlog.
 */
public final class LocalSearchSteps implements RateSearch.StepRunner {
  private final LoadSpec template;
  private final boolean builtInTarget;
  private final RunListener listener;
  private volatile LocalRun current;
  private volatile boolean cancelled;
  private volatile LoadSpec lastSpec;
  private volatile JobEnvironment lastEnvironment;

  public LocalSearchSteps(LoadSpec template, boolean builtInTarget, RunListener listener) {
    this.template = template;
    this.builtInTarget = builtInTarget;
    this.listener = listener;
  }

  @Override
  public RateSearch.StepRun run(double rateRps) throws InterruptedException {
    LocalRun run = new LocalRun(template.toBuilder().rateRps(rateRps).build(), builtInTarget);
    current = run;
    if (cancelled) {
      run.cancel();
    }
    LocalRun.Outcome outcome = run.execute(listener);
    lastSpec = outcome.loadSpec();
    lastEnvironment = outcome.environment();
    if (outcome.status() == JobStatus.CANCELLED) {
      return new RateSearch.StepRun(outcome.result(), outcome.error(), true);
    }
    return new RateSearch.StepRun(
        outcome.result(), outcome.status() == JobStatus.COMPLETED ? null : outcome.error(), false);
  }

  /** Stops the step under way. */
  public void cancel() {
    cancelled = true;
    LocalRun run = current;
    if (run != null) {
      run.cancel();
    }
  }

  /** The spec of the last step (built-in target resolved), or null before any step. */
  public LoadSpec lastSpec() {
    return lastSpec;
  }

  public JobEnvironment lastEnvironment() {
    return lastEnvironment;
  }
}
