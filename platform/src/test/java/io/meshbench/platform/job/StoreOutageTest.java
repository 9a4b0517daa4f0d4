package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.store.FileJobStore;
import io.meshbench.platform.store.JobQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store failures never end a worker and never lose a finished result. */
class StoreOutageTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dataDir;

  private JobServiceOptions options() {
    return new JobServiceOptions(
        1,
        100,
        "replica-test",
        Duration.ofMillis(900),
        Duration.ofMillis(100),
        dataDir.resolve("spill"),
        Retention.KEEP_ALL);
  }

  private static JobSpec spec() {
    return JobFixtures.document().spec();
  }

  @Test
  void failedClaimsAndResultSavesStillEndEveryJobWithItsResult() throws Exception {
    List<String> ids = new ArrayList<>();
    try (FailingStore store = new FailingStore(new FileJobStore(dataDir));
        JobService jobs =
            new JobService(
                store, new QuickExecutor(), new JobEvents(), Clock.systemUTC(), options())) {
      store.claimsToFail.set(3);
      store.resultSavesFail = true;
      jobs.start();
      for (int i = 0; i < 3; i++) {
        ids.add(jobs.submit(spec()).jobId());
      }
      // Every run ends; its result waits in the spill while the store refuses it.
      Await.until("three results kept", DEADLINE, () -> spilled().size() == 3);
      for (String id : ids) {
        JobDocument seen = jobs.get(id);
        assertThat(seen.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(seen.result()).isNotNull();
      }
      assertThat(jobs.degradedReason()).get().asString().contains("3 finished result(s) wait");
      assertThat(store.failedCalls.get()).isGreaterThanOrEqualTo(6);

      store.resultSavesFail = false; // the store is back
      Await.until("results saved", DEADLINE, () -> spilled().isEmpty());
      Await.until("healthy again", DEADLINE, () -> jobs.degradedReason().isEmpty());
    }
    try (FileJobStore reopened = new FileJobStore(dataDir)) {
      for (String id : ids) {
        JobDocument saved = reopened.find(id).orElseThrow();
        assertThat(saved.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(saved.result()).isEqualTo(JobFixtures.document().result());
      }
    }
  }

  @Test
  void aStoreThatIsDownDegradesHealthAndTheQueueDrainsWhenItIsBack() throws Exception {
    try (FailingStore store = new FailingStore(new FileJobStore(dataDir));
        JobService jobs =
            new JobService(
                store, new QuickExecutor(), new JobEvents(), Clock.systemUTC(), options())) {
      String first = jobs.submit(spec()).jobId();
      store.down = true;
      jobs.start(); // recovery fails too, and is retried by the housekeeping
      Await.until("degraded", DEADLINE, () -> jobs.degradedReason().isPresent());
      assertThat(jobs.degradedReason().get())
          .contains("unreachable")
          .doesNotContain(dataDir.toString());
      int failuresSoFar = store.failedCalls.get();
      Await.until(
          "workers keep retrying", DEADLINE, () -> store.failedCalls.get() > failuresSoFar + 3);

      store.down = false;
      Await.until(
          "the queued job ran",
          DEADLINE,
          () -> jobs.find(first).map(d -> d.status() == JobStatus.COMPLETED).orElse(false));
      Await.until("healthy again", DEADLINE, () -> jobs.degradedReason().isEmpty());
      // The worker survived: a new job runs as well.
      String second = jobs.submit(spec()).jobId();
      Await.until(
          "the next job ran",
          DEADLINE,
          () -> jobs.find(second).map(d -> d.status() == JobStatus.COMPLETED).orElse(false));
    }
  }

  @Test
  void aResultKeptWhenTheProcessStopsIsSavedAtTheNextStart() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    String id;
    FailingStore store = new FailingStore(new FileJobStore(dataDir));
    try (JobService jobs =
        new JobService(
            store, new QuickExecutor(gate), new JobEvents(), Clock.systemUTC(), options())) {
      jobs.start();
      id = jobs.submit(spec()).jobId();
      Await.until("running", DEADLINE, () -> jobs.activeJobs() == 1);
      store.resultSavesFail = true;
      CountDownLatch finished = new CountDownLatch(1);
      try (AutoCloseable watch =
          jobs.watch(
              id,
              new JobEvents.Listener() {
                @Override
                public void finished(JobDocument doc) {
                  finished.countDown();
                }
              })) {
        gate.countDown();
        // A listener hears the end although the store has not saved it.
        assertThat(finished.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      }
      assertThat(spilled()).hasSize(1);
    } finally {
      store.close();
    }
    assertThat(spilled()).hasSize(1); // still on disk after the process ended

    try (FileJobStore fresh = new FileJobStore(dataDir);
        JobService again =
            new JobService(
                fresh, new QuickExecutor(), new JobEvents(), Clock.systemUTC(), options())) {
      List<JobDocument> interrupted = again.start();
      assertThat(interrupted).as("saved before the recovery looks for dead runs").isEmpty();
      JobDocument saved = fresh.find(id).orElseThrow();
      assertThat(saved.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(saved.result()).isNotNull();
      assertThat(spilled()).isEmpty();
      assertThat(fresh.list(JobQuery.all())).hasSize(1);
    }
  }

  private List<Path> spilled() {
    Path dir = dataDir.resolve("spill");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
