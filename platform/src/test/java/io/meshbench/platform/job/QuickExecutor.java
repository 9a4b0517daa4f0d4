package io.meshbench.platform.job;

import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.executor.JobExecutor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs each job "instantly" with a fixed result, after an optional gate opens: the store is the
 * subject of these tests, not load.
 */
final class QuickExecutor implements JobExecutor {
  private final CountDownLatch gate;

  QuickExecutor(CountDownLatch gate) {
    this.gate = gate;
  }

  QuickExecutor() {
    this(new CountDownLatch(0));
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
        while (!gate.await(10, TimeUnit.MILLISECONDS)) {
          if (cancelled.getCount() == 0) {
            return running.finished(JobStatus.CANCELLED, Instant.now(), "cancelled");
          }
        }
        JobDocument sample = JobFixtures.document();
        return running
            .withRun(sample.environment(), sample.loadSpec(), sample.result(), List.of())
            .finished(JobStatus.COMPLETED, Instant.now(), null);
      }

      @Override
      public void cancel() {
        cancelled.countDown();
      }
    };
  }
}
