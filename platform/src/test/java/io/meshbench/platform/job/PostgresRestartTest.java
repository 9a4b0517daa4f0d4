package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.store.PostgresJobStore;
import io.meshbench.platform.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL stopped and started again mid-queue ({@code .ci/postgres.sh pause/resume}): the
 * run that ends while it is down keeps its result, the queue drains once it is back, and {@code
 * /health}'s answer follows.
 */
class PostgresRestartTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dataDir;

  @Test
  void aDatabaseRestartMidQueueLosesNoResult() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<String> ids = new ArrayList<>();
    JobServiceOptions options =
        new JobServiceOptions(
            1,
            100,
            "replica-restart",
            Duration.ofSeconds(30),
            Duration.ofMillis(200),
            dataDir.resolve("spill"),
            Retention.KEEP_ALL);
    try (TestDatabase db = TestDatabase.create("meshbench_restart");
        PostgresJobStore store = new PostgresJobStore(db.url());
        JobService jobs =
            new JobService(
                store, new QuickExecutor(gate), new JobEvents(), Clock.systemUTC(), options)) {
      jobs.start();
      for (int i = 0; i < 3; i++) {
        ids.add(jobs.submit(JobFixtures.document().spec()).jobId());
      }
      Await.until("the first job runs", DEADLINE, () -> jobs.activeJobs() == 1);

      TestDatabase.pauseServer();
      boolean resumed = false;
      try {
        gate.countDown(); // the run ends while the database is down
        Await.until("degraded", DEADLINE, () -> jobs.degradedReason().isPresent());
        Await.until(
            "the first result is kept",
            DEADLINE,
            () -> Files.exists(dataDir.resolve("spill").resolve(ids.get(0) + ".json")));
        assertThat(jobs.get(ids.get(0)).result()).isNotNull();
        TestDatabase.resumeServer();
        resumed = true;
      } finally {
        if (!resumed) {
          TestDatabase.resumeServer();
        }
      }

      for (String id : ids) {
        Await.until(
            id + " completed in the database",
            DEADLINE,
            () ->
                store
                    .find(id)
                    .map(d -> d.status() == JobStatus.COMPLETED && d.result() != null)
                    .orElse(false));
      }
      Await.until("healthy again", DEADLINE, () -> jobs.degradedReason().isEmpty());
      assertThat(dataDir.resolve("spill").resolve(ids.get(0) + ".json")).doesNotExist();
    }
  }
}
