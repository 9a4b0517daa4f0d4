package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.store.FileJobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that ends in an Error (out of memory) fails its job; the worker goes on to the next. */
class WorkerErrorTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dataDir;

  @Test
  void anOutOfMemoryErrorFailsThatJobAndTheNextJobRuns() throws Exception {
    QuickExecutor quick = new QuickExecutor();
    AtomicBoolean thrown = new AtomicBoolean();
    JobExecutor firstRunFails =
        new JobExecutor() {
          @Override
          public String name() {
            return quick.name();
          }

          @Override
          public void check(JobSpec spec) {}

          @Override
          public Execution prepare(JobDocument running) {
            Execution execution = quick.prepare(running);
            return new Execution() {
              @Override
              public JobDocument run(RunListener listener) throws InterruptedException {
                if (thrown.compareAndSet(false, true)) {
                  throw new OutOfMemoryError("Java heap space");
                }
                return execution.run(listener);
              }

              @Override
              public void cancel() {
                execution.cancel();
              }
            };
          }
        };
    try (JobService jobs =
        new JobService(
            new FileJobStore(dataDir),
            firstRunFails,
            new JobEvents(),
            Clock.systemUTC(),
            JobServiceOptions.defaults(1, 10, dataDir, Retention.KEEP_ALL))) {
      jobs.start();
      String lost = jobs.submit(JobFixtures.document().spec()).jobId();
      String next = jobs.submit(JobFixtures.document().spec()).jobId();
      Await.until("the second job ran", DEADLINE, () -> jobs.get(next).status().finished());

      JobDocument failed = jobs.get(lost);
      assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
      assertThat(failed.error()).contains("OutOfMemoryError", "Java heap space");
      assertThat(jobs.get(next).status()).isEqualTo(JobStatus.COMPLETED);
    }
  }
}
