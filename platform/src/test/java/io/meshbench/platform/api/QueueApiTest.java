package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.store.JobQuery;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job queue through the API: persistence, FIFO order, the bound. */
class QueueApiTest {
  private static final String JOB = "{\"duration\":1,\"warmup\":0}";
  @TempDir Path dir;

  @Test
  void fiftyConcurrentStartsAreAllPersistedAndRunInOrder() throws Exception {
    BlockingExecutor executor = new BlockingExecutor();
    try (ApiFixture api = new ApiFixture(dir, executor, null, 100)) {
      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<HttpResponse<String>>> replies = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        replies.add(
            clients.submit(
                (Callable<HttpResponse<String>>) () -> api.post("/benchmarks/start", JOB)));
      }
      for (Future<HttpResponse<String>> f : replies) {
        assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(202);
      }
      clients.shutdown();
      List<JobDocument> stored = api.store.list(JobQuery.all());
      assertThat(stored).hasSize(50);

      executor.releaseAll();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (api.jobs.count(JobStatus.COMPLETED) < 50 && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling for the condition
      }
      assertThat(api.jobs.count(JobStatus.COMPLETED)).isEqualTo(50);
      List<String> created =
          stored.stream()
              .sorted(
                  Comparator.comparing(JobDocument::createdAt).thenComparing(JobDocument::jobId))
              .map(JobDocument::jobId)
              .toList();
      assertThat(executor.startOrder).containsExactlyElementsOf(created);
    }
  }

  @Test
  void aFullQueueAnswers429AndKeepsWhatItHas() throws Exception {
    BlockingExecutor executor = new BlockingExecutor();
    try (ApiFixture api = new ApiFixture(dir, executor, null, 3)) {
      assertThat(api.post("/benchmarks/start", JOB).statusCode()).isEqualTo(202); // runs, blocked
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (executor.startOrder.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(api.post("/benchmarks/start", JOB).statusCode()).isEqualTo(202);
      }
      HttpResponse<String> full = api.post("/benchmarks/start", JOB);
      assertThat(full.statusCode()).isEqualTo(429);
      assertThat(ApiFixture.json(full).get("error").asText()).isEqualTo("queue_full");
      assertThat(api.jobs.count(JobStatus.PENDING)).isEqualTo(3);
      executor.releaseAll();
    }
  }

  @Test
  void stoppingAPendingJobCancelsItBeforeItRuns() throws Exception {
    BlockingExecutor executor = new BlockingExecutor();
    try (ApiFixture api = new ApiFixture(dir, executor, null, 10)) {
      api.post("/benchmarks/start", JOB);
      String second = ApiFixture.json(api.post("/benchmarks/start", JOB)).get("job_id").asText();
      HttpResponse<String> stopped = api.post("/benchmarks/jobs/" + second + "/stop", null);
      assertThat(ApiFixture.json(stopped).get("status").asText()).isEqualTo("cancelled");
      executor.releaseAll();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (api.jobs.count(JobStatus.COMPLETED) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(executor.startOrder).doesNotContain(second);
    }
  }
}
