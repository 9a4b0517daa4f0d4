package io.meshbench.platform.store;

import static io.meshbench.platform.store.StoreFixtures.T0;
import static io.meshbench.platform.store.StoreFixtures.job;
import static io.meshbench.platform.store.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do. A subclass supplies an empty store; each test gets a fresh
 * one.
 */
abstract class JobStoreContract {
  static final Instant CLAIMED_AT = Instant.parse("2026-11-30T07:00:00Z");

  protected JobStore store;

  /** A store with no jobs in it, opened for one test. */
  protected abstract JobStore openEmptyStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmptyStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) { // null when opening was skipped
      store.close();
    }
  }

  @Test
  void summariesLeaveOutSearchStepsAndMatrixRunsButKeepVerdictAndClusterReport() {
    JobDocument doc = JobFixtures.document();
    io.meshbench.platform.search.SearchResult search =
        new io.meshbench.platform.search.SearchResult(
            io.meshbench.platform.search.SearchResult.FOUND,
            100.0,
            1,
            200.0,
            new io.meshbench.platform.search.SearchSpec(100, 200, 0.05, 1, List.of("p99<=20ms")),
            List.of());
    io.meshbench.platform.analysis.Regression verdict =
        new io.meshbench.platform.analysis.Regression(
            io.meshbench.platform.analysis.Regression.NO_REGRESSION, false, "t", 10, 3, List.of());
    io.meshbench.platform.cluster.ClusterReport report =
        new io.meshbench.platform.cluster.ClusterReport(
            "bench",
            1,
            "meshbench:test",
            io.meshbench.platform.job.SidecarMode.BOTH,
            io.meshbench.platform.mesh.MeshStatus.ready(MeshType.ISTIO, "1.24.2"),
            true,
            io.meshbench.platform.cluster.ResourceUsage.unavailable("no metrics-server"));
    JobDocument full = doc.withSearch(search).withRegression(verdict).withCluster(report);
    store.save(full);

    JobDocument summary = store.listSummaries(JobQuery.all()).get(0);

    assertThat(summary).isEqualTo(io.meshbench.platform.job.JobSummaries.of(full));
    assertThat(summary.search()).isNull();
    assertThat(summary.regression()).isEqualTo(verdict);
    assertThat(summary.cluster()).isEqualTo(report);
  }

  @Test
  void summariesAreTheDocumentsWithoutHistogramsOrTimeSeries() {
    JobDocument doc = JobFixtures.document();
    JobDocument withIterations =
        doc.withRun(doc.environment(), doc.loadSpec(), doc.result(), List.of(doc.result()));
    JobDocument pendingJob = pending("p1", 5);
    store.save(withIterations);
    store.save(pendingJob);
    List<JobDocument> summaries = store.listSummaries(JobQuery.all());
    assertThat(summaries)
        .containsExactly(
            io.meshbench.platform.job.JobSummaries.of(withIterations),
            io.meshbench.platform.job.JobSummaries.of(pendingJob));
    JobDocument summary = summaries.get(0);
    assertThat(summary.result().histogram()).isNull();
    assertThat(summary.result().serviceHistogram()).isNull();
    assertThat(summary.result().timeseries()).isEmpty();
    assertThat(summary.iterations()).isEmpty();
    assertThat(summary.result().latencyMs()).isEqualTo(doc.result().latencyMs());
    // A later save replaces the summary too; a delete removes it.
    store.save(withIterations.finished(JobStatus.FAILED, CLAIMED_AT, "x"));
    assertThat(store.listSummaries(JobQuery.all()).get(0).status()).isEqualTo(JobStatus.FAILED);
    store.delete(withIterations.jobId());
    assertThat(store.listSummaries(JobQuery.all()))
        .extracting(JobDocument::jobId)
        .containsExactly("p1");
  }

  @Test
  void aCompleteDocumentReadsBackEqual() {
    JobDocument doc = JobFixtures.document();
    store.save(doc);
    assertThat(store.find(doc.jobId())).contains(doc);
    assertThat(store.list(JobQuery.all())).containsExactly(doc);
  }

  @Test
  void aDocumentWithoutAResultReadsBackEqual() {
    JobDocument doc = pending("20261130-060000-http-baseline-0001", 0);
    assertThat(doc.result()).isNull();
    store.save(doc);
    assertThat(store.find(doc.jobId())).contains(doc);
  }

  @Test
  void anUnknownJobIsNotFound() {
    assertThat(store.find("20261130-060000-http-baseline-ffff")).isEmpty();
    assertThat(store.list(JobQuery.all())).isEmpty();
  }

  @Test
  void savingTheSameIdReplacesTheDocument() {
    JobDocument first = pending("job-a", 0);
    JobDocument done = first.started(T0.plusSeconds(1)).finished(JobStatus.FAILED, T0, "boom");
    store.save(first);
    store.save(done);
    assertThat(store.find("job-a")).contains(done);
    assertThat(store.list(JobQuery.all())).containsExactly(done);
    assertThat(store.count(JobStatus.PENDING)).isZero();
    assertThat(store.count(JobStatus.FAILED)).isOne();
  }

  @Test
  void listIsNewestFirstWithTheIdBreakingTies() {
    // Saved in an order that is neither creation order nor id order.
    store.save(job("b", JobStatus.COMPLETED, 10));
    store.save(job("c", JobStatus.COMPLETED, 5));
    store.save(job("a", JobStatus.COMPLETED, 10));
    store.save(job("d", JobStatus.COMPLETED, 20));
    assertThat(ids(store.list(JobQuery.all()))).containsExactly("d", "b", "a", "c");
  }

  @Test
  void listFiltersByStatusTestTypeAndMesh() {
    store.save(job("http-base-done", JobStatus.COMPLETED, Protocol.HTTP, MeshType.BASELINE, 1));
    store.save(job("http-istio-done", JobStatus.COMPLETED, Protocol.HTTP, MeshType.ISTIO, 2));
    store.save(job("grpc-istio-fail", JobStatus.FAILED, Protocol.GRPC, MeshType.ISTIO, 3));
    store.save(job("grpc-linkerd-pend", JobStatus.PENDING, Protocol.GRPC, MeshType.LINKERD, 4));

    assertThat(ids(store.list(new JobQuery(JobStatus.COMPLETED, null, null, 100))))
        .containsExactly("http-istio-done", "http-base-done");
    assertThat(ids(store.list(new JobQuery(null, Protocol.GRPC, null, 100))))
        .containsExactly("grpc-linkerd-pend", "grpc-istio-fail");
    assertThat(ids(store.list(new JobQuery(null, null, MeshType.ISTIO, 100))))
        .containsExactly("grpc-istio-fail", "http-istio-done");
    assertThat(ids(store.list(new JobQuery(JobStatus.COMPLETED, Protocol.HTTP, MeshType.ISTIO, 9))))
        .containsExactly("http-istio-done");
    assertThat(store.list(new JobQuery(JobStatus.RUNNING, null, null, 100))).isEmpty();
  }

  @Test
  void listKeepsTheCreationTimeRangeSinceInclusiveBeforeExclusive() {
    for (int i = 0; i < 6; i++) {
      store.save(job("job-" + i, JobStatus.COMPLETED, i));
    }
    JobQuery range =
        new JobQuery(
            null,
            null,
            null,
            StoreFixtures.T0.plusSeconds(1),
            StoreFixtures.T0.plusSeconds(4),
            100);
    assertThat(ids(store.list(range))).containsExactly("job-3", "job-2", "job-1");
    assertThat(ids(store.listSummaries(range))).containsExactly("job-3", "job-2", "job-1");
    // The limit keeps the newest of the range, not of every job.
    assertThat(
            ids(
                store.list(
                    new JobQuery(null, null, null, null, StoreFixtures.T0.plusSeconds(2), 1))))
        .containsExactly("job-1");
    assertThat(
            ids(
                store.list(
                    new JobQuery(null, null, null, StoreFixtures.T0.plusSeconds(5), null, 9))))
        .containsExactly("job-5");
  }

  @Test
  void listStopsAtTheLimitKeepingTheNewest() {
    for (int i = 0; i < 7; i++) {
      store.save(job("job-" + i, JobStatus.COMPLETED, i));
    }
    assertThat(ids(store.list(new JobQuery(null, null, null, 3))))
        .containsExactly("job-6", "job-5", "job-4");
    assertThat(ids(store.list(new JobQuery(JobStatus.COMPLETED, null, null, 1))))
        .containsExactly("job-6");
  }

  @Test
  void deleteRemovesTheJobAndSaysWhetherThereWasOne() {
    store.save(job("keep", JobStatus.COMPLETED, 1));
    store.save(job("drop", JobStatus.COMPLETED, 2));
    assertThat(store.delete("drop")).isTrue();
    assertThat(store.delete("drop")).isFalse();
    assertThat(store.delete("never-saved")).isFalse();
    assertThat(store.find("drop")).isEmpty();
    assertThat(ids(store.list(JobQuery.all()))).containsExactly("keep");
  }

  @Test
  void countCountsJobsByStatus() {
    store.save(job("p1", JobStatus.PENDING, 1));
    store.save(job("p2", JobStatus.PENDING, 2));
    store.save(job("r1", JobStatus.RUNNING, 3));
    store.save(job("c1", JobStatus.COMPLETED, 4));
    assertThat(store.count(JobStatus.PENDING)).isEqualTo(2);
    assertThat(store.count(JobStatus.RUNNING)).isEqualTo(1);
    assertThat(store.count(JobStatus.COMPLETED)).isEqualTo(1);
    assertThat(store.count(JobStatus.INTERRUPTED)).isZero();
  }

  @Test
  void claimTakesTheOldestPendingJobAndSavesItAsRunning() {
    store.save(job("running", JobStatus.RUNNING, 0));
    store.save(job("done", JobStatus.COMPLETED, 1));
    store.save(job("newer", JobStatus.PENDING, 30));
    store.save(job("older", JobStatus.PENDING, 20));

    Optional<JobDocument> claimed = store.claimNextPending(CLAIMED_AT);

    JobDocument expected = job("older", JobStatus.PENDING, 20).started(CLAIMED_AT);
    assertThat(claimed).contains(expected);
    assertThat(store.find("older")).contains(expected);
    assertThat(store.count(JobStatus.PENDING)).isOne();
    assertThat(store.count(JobStatus.RUNNING)).isEqualTo(2);
  }

  @Test
  void claimReturnsNothingWhenNothingIsPending() {
    assertThat(store.claimNextPending(CLAIMED_AT)).isEmpty();
    store.save(job("running", JobStatus.RUNNING, 0));
    store.save(job("done", JobStatus.COMPLETED, 1));
    assertThat(store.claimNextPending(CLAIMED_AT)).isEmpty();
    assertThat(store.find("running").orElseThrow().startedAt()).isNotEqualTo(CLAIMED_AT);
  }

  @Test
  void claimsAreFirstInFirstOut() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      created.add(String.format("job-%02d", i));
    }
    // Two jobs per second, so the id decides between jobs created in the same second.
    List<Integer> saveOrder = new ArrayList<>();
    for (int i = 0; i < created.size(); i++) {
      saveOrder.add(i);
    }
    Collections.shuffle(saveOrder, new Random(42));
    for (int i : saveOrder) {
      store.save(job(created.get(i), JobStatus.PENDING, i / 2));
    }

    List<String> claimed = new ArrayList<>();
    for (Optional<JobDocument> next = store.claimNextPending(CLAIMED_AT);
        next.isPresent();
        next = store.claimNextPending(CLAIMED_AT)) {
      claimed.add(next.get().jobId());
    }
    assertThat(claimed).isEqualTo(created);
  }

  @Test
  void concurrentClaimsTakeEachPendingJobExactlyOnce() throws Exception {
    List<String> ids = savePending(50);
    List<String> claimed = claimConcurrently(8, thread -> store);
    assertThat(claimed)
        .hasSize(50)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(store.count(JobStatus.PENDING)).isZero();
    assertThat(store.count(JobStatus.RUNNING)).isEqualTo(50);
  }

  @Test
  void interruptRunningMarksOnlyRunningJobsWithTheReason() {
    JobDocument pending = job("pending", JobStatus.PENDING, 1);
    JobDocument done = job("done", JobStatus.COMPLETED, 2);
    JobDocument run1 = job("run1", JobStatus.RUNNING, 3);
    JobDocument run2 = job("run2", JobStatus.RUNNING, 4);
    for (JobDocument d : List.of(pending, done, run2, run1)) {
      store.save(d);
    }
    Instant at = T0.plusSeconds(3600);

    List<JobDocument> interrupted = store.interruptRunning("server restarted", at);

    JobDocument want1 = run1.finished(JobStatus.INTERRUPTED, at, "server restarted");
    JobDocument want2 = run2.finished(JobStatus.INTERRUPTED, at, "server restarted");
    assertThat(interrupted).containsExactlyInAnyOrder(want1, want2);
    assertThat(store.find("run1")).contains(want1);
    assertThat(store.find("run2")).contains(want2);
    assertThat(store.find("pending")).contains(pending);
    assertThat(store.find("done")).contains(done);
    assertThat(store.count(JobStatus.RUNNING)).isZero();
    assertThat(store.interruptRunning("again", at)).isEmpty();
  }

  @Test
  void insertNeverReplacesAJob() {
    JobDocument first = pending("job-a", 0);
    store.insert(first);
    JobDocument other = job("job-a", JobStatus.COMPLETED, 5);
    assertThatThrownBy(() -> store.insert(other))
        .isInstanceOf(DuplicateJobException.class)
        .hasMessageContaining("job-a");
    assertThat(store.find("job-a")).contains(first);
    assertThat(store.list(JobQuery.all())).containsExactly(first);
  }

  @Test
  void updateReplacesOnlyAJobThatExists() {
    JobDocument done = job("gone", JobStatus.COMPLETED, 1);
    assertThat(store.update(done)).isFalse();
    assertThat(store.find("gone")).isEmpty();
    store.insert(pending("gone", 1));
    assertThat(store.update(done)).isTrue();
    assertThat(store.find("gone")).contains(done);
  }

  @Test
  void cancellingAPendingJobNeverOverwritesAClaim() {
    store.insert(pending("claimed", 1));
    store.insert(pending("waiting", 2));
    JobDocument running = store.claimNextPending(CLAIMED_AT, "replica-a").orElseThrow();

    assertThat(store.cancelPending("claimed", CLAIMED_AT, "too late")).isEmpty();
    assertThat(store.find("claimed")).contains(running);

    JobDocument cancelled = store.cancelPending("waiting", CLAIMED_AT, "changed my mind").get();
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.error()).isEqualTo("changed my mind");
    assertThat(store.find("waiting")).contains(cancelled);
    assertThat(store.claimNextPending(CLAIMED_AT, "replica-a")).isEmpty();
    assertThat(store.cancelPending("never-saved", CLAIMED_AT, "x")).isEmpty();
  }

  @Test
  void onlyJobsWhoseLeaseExpiredAreInterrupted() {
    store.insert(pending("live", 1));
    store.insert(pending("stale", 2));
    store.claimNextPending(CLAIMED_AT, "replica-a");
    store.claimNextPending(CLAIMED_AT, "replica-b");
    Instant later = CLAIMED_AT.plusSeconds(60);
    store.renewLeases("replica-a", java.util.Collections.singletonMap("live", null), later);

    // Replica b stopped renewing at CLAIMED_AT; a lease of 30 s ran out at +30 s.
    List<JobDocument> interrupted =
        store.interruptExpired("lease expired", later, later.minusSeconds(30));

    assertThat(ids(interrupted)).containsExactly("stale");
    assertThat(store.find("stale").orElseThrow().status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(store.find("stale").orElseThrow().error()).isEqualTo("lease expired");
    assertThat(store.find("live").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(store.interruptExpired("again", later, later.minusSeconds(30))).isEmpty();
  }

  @Test
  void aLeaseIsRenewedOnlyByItsOwner() {
    store.insert(pending("mine", 1));
    store.claimNextPending(CLAIMED_AT, "replica-a");
    Instant later = CLAIMED_AT.plusSeconds(60);
    store.renewLeases("replica-b", java.util.Collections.singletonMap("mine", null), later);
    assertThat(ids(store.interruptExpired("expired", later, later.minusSeconds(30))))
        .containsExactly("mine");
  }

  @Test
  void aStopAskedThroughTheStoreReachesTheOwner() {
    store.insert(pending("run", 1));
    store.insert(pending("queued", 2));
    store.claimNextPending(CLAIMED_AT, "replica-a");
    Map<String, String> mine = java.util.Collections.singletonMap("run", null);

    assertThat(store.renewLeases("replica-a", mine, CLAIMED_AT)).isEmpty();
    assertThat(store.requestCancel("queued")).as("a pending job is cancelled, not asked").isFalse();
    assertThat(store.requestCancel("never-saved")).isFalse();
    assertThat(store.requestCancel("run")).isTrue();
    assertThat(store.renewLeases("replica-a", mine, CLAIMED_AT)).containsExactly("run");
    assertThat(store.find("run").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void aRunWhoseJobWasDeletedIsToldToStop() {
    store.insert(pending("run", 1));
    store.claimNextPending(CLAIMED_AT, "replica-a");
    store.delete("run");
    assertThat(
            store.renewLeases(
                "replica-a", java.util.Collections.singletonMap("run", null), CLAIMED_AT))
        .containsExactly("run");
  }

  @Test
  void theOwnersLatestProgressIsReadableByAnyone() throws Exception {
    store.insert(pending("run", 1));
    store.claimNextPending(CLAIMED_AT, "replica-a");
    assertThat(store.progress("run")).isEmpty();
    String progress = "{\"phase\":\"MEASURING\",\"elapsedS\":3.0,\"requests\":42}";
    store.renewLeases("replica-a", Map.of("run", progress), CLAIMED_AT);
    assertThat(Json.mapper().readTree(store.progress("run").orElseThrow()))
        .isEqualTo(Json.mapper().readTree(progress));

    JobDocument done =
        store.find("run").orElseThrow().finished(JobStatus.COMPLETED, CLAIMED_AT, null);
    store.update(done);
    assertThat(store.progress("run")).as("a finished job has its result instead").isEmpty();
  }

  @Test
  void retentionDeletesOnlyOldFinishedJobs() {
    store.save(job("old-done", JobStatus.COMPLETED, 1));
    store.save(job("old-failed", JobStatus.FAILED, 2));
    store.save(job("old-pending", JobStatus.PENDING, 3));
    store.save(job("old-running", JobStatus.RUNNING, 4));
    store.save(job("new-done", JobStatus.COMPLETED, 100));

    List<String> deleted = store.deleteFinished(T0.plusSeconds(50), 0);

    assertThat(deleted).containsExactlyInAnyOrder("old-done", "old-failed");
    assertThat(ids(store.list(JobQuery.all())))
        .containsExactly("new-done", "old-running", "old-pending");
  }

  @Test
  void retentionByCountKeepsTheNewestAndEveryActiveJob() {
    for (int i = 0; i < 6; i++) {
      store.save(job("done-" + i, JobStatus.COMPLETED, 10 + i));
    }
    store.save(job("pending", JobStatus.PENDING, 1));
    store.save(job("running", JobStatus.RUNNING, 2));

    // Four jobs in all: the two active ones and the two newest finished ones.
    assertThat(store.deleteFinished(null, 4))
        .containsExactlyInAnyOrder("done-0", "done-1", "done-2", "done-3");
    assertThat(ids(store.list(JobQuery.all())))
        .containsExactly("done-5", "done-4", "running", "pending");
    // More active jobs than the limit: every finished one goes, no active one.
    assertThat(store.deleteFinished(null, 1)).containsExactlyInAnyOrder("done-4", "done-5");
    assertThat(ids(store.list(JobQuery.all()))).containsExactly("running", "pending");
    assertThat(store.deleteFinished(null, 0)).isEmpty();
  }

  @Test
  void idsThatCouldNameAPathAreRejected() {
    for (String bad : List.of("../escape", "a/b", "a\\b", "..", ".hidden", "", "x y")) {
      JobDocument doc = pending(bad, 0);
      assertThatThrownBy(() -> store.save(doc))
          .as("save %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("job_id");
      assertThat(store.find(bad)).as("find %s", bad).isEmpty();
      assertThat(store.delete(bad)).as("delete %s", bad).isFalse();
    }
    assertThat(store.list(JobQuery.all())).isEmpty();
  }

  @Test
  void documentsWithoutTheIndexedFieldsAreRejected() {
    JobDocument noCreatedAt =
        JobDocument.pending("no-created-at", pending("x", 0).spec(), "local", null, null);
    assertThatThrownBy(() -> store.save(noCreatedAt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("created_at");
    assertThat(store.find("no-created-at")).isEmpty();
  }

  /** Saves {@code n} pending jobs, one a second; returns their ids, oldest first. */
  protected List<String> savePending(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("pending-%03d", i);
      store.save(job(id, JobStatus.PENDING, i));
      ids.add(id);
    }
    return ids;
  }

  /**
   * Threads start together and claim until nothing is pending, thread {@code t} from {@code
   * storeOfThread.apply(t)}. Returns every id any thread was handed.
   */
  protected static List<String> claimConcurrently(int threads, IntFunction<JobStore> storeOfThread)
      throws Exception {
    ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JobStore mine = storeOfThread.apply(t);
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (Optional<JobDocument> next = mine.claimNextPending(CLAIMED_AT);
                      next.isPresent();
                      next = mine.claimNextPending(CLAIMED_AT)) {
                    claimed.add(next.get().jobId());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return new ArrayList<>(claimed);
  }

  static List<String> ids(List<JobDocument> docs) {
    return docs.stream().map(JobDocument::jobId).toList();
  }
}
