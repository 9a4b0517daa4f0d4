package io.meshbench.platform.api;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose run reports exactly the progress a test hands it, in order, and ends with the
 * result the test hands it last: for what the server and the dashboard make of given seconds (a
 * stalled one, say) without waiting for a target to misbehave. Load is not the subject here.
 */
final class ScriptedExecutor implements JobExecutor {
  private final BlockingQueue<Object> steps = new LinkedBlockingQueue<>();

  /** The running job reports this progress next. */
  void progress(RunProgress progress) {
    steps.add(progress);
  }

  /** The running job completes with this result (the golden fixture's environment and spec). */
  void finish(RunResult result) {
    steps.add(result);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public void check(JobSpec spec) {}

  @Override
  public Execution prepare(JobDocument running) {
    CountDownLatch cancelled = new CountDownLatch(1);
    return new Execution() {
      @Override
      public JobDocument run(RunListener listener) throws InterruptedException {
        while (cancelled.getCount() > 0) {
          Object step = steps.poll(10, TimeUnit.MILLISECONDS);
          if (step instanceof RunProgress p) {
            listener.onProgress(p);
          } else if (step instanceof RunResult r) {
            JobDocument sample = JobFixtures.document();
            return running
                .withRun(sample.environment(), sample.loadSpec(), r, List.of())
                .finished(JobStatus.COMPLETED, Instant.now(), null);
          }
        }
        return running.finished(JobStatus.CANCELLED, Instant.now(), "cancelled");
      }

      @Override
      public void cancel() {
        cancelled.countDown();
      }
    };
  }
}
