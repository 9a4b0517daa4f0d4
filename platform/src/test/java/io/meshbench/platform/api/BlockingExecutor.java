package io.meshbench.platform.api;

import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An executor for queue tests: it records the order in which jobs start and holds every job until
 * released, so that the queue can be filled and observed. Load is not the subject here.
 */
final class BlockingExecutor implements JobExecutor {
  final List<String> startOrder = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  void releaseAll() {
    release.countDown();
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
        startOrder.add(running.jobId());
        while (!release.await(10, TimeUnit.MILLISECONDS)) {
          if (cancelled.getCount() == 0) {
            return running.finished(JobStatus.CANCELLED, Instant.now(), "cancelled");
          }
        }
        return running.finished(JobStatus.COMPLETED, Instant.now(), null);
      }

      @Override
      public void cancel() {
        cancelled.countDown();
      }
    };
  }
}
