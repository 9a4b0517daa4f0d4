package io.meshbench.platform.job;

import io.meshbench.engine.run.RunProgress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes a job's events on to one listener that may hear them from two sources (this replica's
 * events and the store): the end comes through once, and no progress after it.
 */
final class OnceFinished implements JobEvents.Listener {
  private final JobEvents.Listener listener;
  private final AtomicBoolean ended = new AtomicBoolean();

  OnceFinished(JobEvents.Listener listener) {
    this.listener = listener;
  }

  @Override
  public void started(JobDocument running) {
    listener.started(running);
  }

  @Override
  public void progress(String jobId, RunProgress progress) {
    if (!ended.get()) {
      listener.progress(jobId, progress);
    }
  }

  @Override
  public void finished(JobDocument finished) {
    if (ended.compareAndSet(false, true)) {
      listener.finished(finished);
    }
  }

  @Override
  public void gone(String jobId) {
    if (ended.compareAndSet(false, true)) {
      listener.gone(jobId);
    }
  }
}
