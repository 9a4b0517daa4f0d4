package io.meshbench.platform.executor;

import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;

/** Runs jobs somewhere: in this process, or as Kubernetes Jobs. */
public interface JobExecutor {

  /** "local" or "kubernetes", as written into job documents. */
  String name();

  /**
   * Refuses, before a job is queued, what this executor cannot run.
   *
   * @throws UnsupportedJobException naming the field and what would make it possible
   */
  void check(JobSpec spec);

  /** Prepares a running job; nothing happens until {@link Execution#run}. */
  Execution prepare(JobDocument running);

  /** One job's execution; {@link #cancel} may come from any thread. */
  interface Execution {
    /** Runs to the end and returns the finished document (completed, failed or cancelled). */
    JobDocument run(RunListener listener) throws InterruptedException;

    void cancel();
  }
}
