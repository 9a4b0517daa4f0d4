package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API tells a second in which nothing succeeded as it was: null percentiles in the document and
 * the live events, no p99 sample in {@code /metrics}, empty CSV cells; never 0 ms.
 */
class StalledSecondApiTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final List<String> PERCENTILES = List.of("p50_ms", "p90_ms", "p99_ms", "max_ms");

  @TempDir Path dir;
  private ApiFixture api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theJobDocumentKeepsAStalledSecondsPercentilesAsNull() throws Exception {
    api = new ApiFixture(dir);
    JobDocument stored = JobFixtures.documentWithStalledSecond();
    api.store.save(stored);
    String id = stored.jobId();

    for (String path : List.of("/benchmarks/jobs/" + id, "/benchmarks/jobs/" + id + "/result")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      JsonNode body = ApiFixture.json(r);
      JsonNode series = (body.has("result") ? body.get("result") : body).get("timeseries");
      assertThat(series).hasSize(3);
      for (String field : PERCENTILES) {
        assertThat(series.get(0).get(field).isNumber()).as("%s %s", path, field).isTrue();
        assertThat(series.get(1).has(field)).as("%s %s present", path, field).isTrue();
        assertThat(series.get(1).get(field).isNull()).as("%s %s", path, field).isTrue();
        assertThat(series.get(2).get(field).isNumber()).as("%s %s", path, field).isTrue();
      }
      assertThat(series.get(1).get("errors").asLong()).isEqualTo(7);
      assertThat(series.get(1).get("completed").asLong()).isEqualTo(7);
      assertThat(series.get(1).get("rps").isNumber()).isTrue();
    }
    // The schema says so too: present (required), and null allowed.
    JsonNode point =
        ApiFixture.json(api.get("/openapi.json")).at("/components/schemas/IntervalSnapshot");
    for (String field : PERCENTILES) {
      assertThat(point.get("required").toString()).contains("\"" + field + "\"");
      assertThat(point.at("/properties/" + field + "/anyOf/1/type").asText()).isEqualTo("null");
    }
    String csv = api.get("/benchmarks/jobs/" + id + "/export?format=csv").body();
    assertThat(csv).contains(id + ",http,baseline,2,0,7,,,\r\n");
  }

  @Test
  void aLiveStalledSecondIsNullInTheEventsAndHasNoP99SampleInMetrics() throws Exception {
    ScriptedExecutor executor = new ScriptedExecutor();
    api = new ApiFixture(dir, executor, null, 100);
    HttpResponse<String> started =
        api.post(
            "/benchmarks/start",
            "{\"duration\":3,\"warmup\":0,\"rate\":100,\"concurrent_connections\":1}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = ApiFixture.json(started).get("job_id").asText();
    api.awaitJob(id, d -> d.get("status").asText().equals("running"), DEADLINE);

    BlockingQueue<String> progressData = new LinkedBlockingQueue<>();
    Thread reader = readEvents(id, progressData);
    IntervalSnapshot stalled = new IntervalSnapshot(1, 0, 2, 2, null, null, null, null);
    // The stream starts when the server has subscribed it: report until an event comes through.
    String event = null;
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (event == null && System.nanoTime() < end) {
      executor.progress(new RunProgress(RunProgress.Phase.MEASURING, 1, 3, stalled, 2, 2));
      event = progressData.poll(200, TimeUnit.MILLISECONDS);
    }
    assertThat(event).as("a progress event").isNotNull();
    JsonNode interval = Json.mapper().readTree(event).get("interval");
    for (String field : PERCENTILES) {
      assertThat(interval.has(field)).as(field).isTrue();
      assertThat(interval.get(field).isNull()).as(field).isTrue();
    }

    // Every second reported so far was stalled: a rate sample, and no p99 sample at all.
    String metrics = metricsWhen(id, "meshbench_run_requests_per_second{");
    assertThat(sample(metrics, id, "meshbench_run_requests_per_second{")).isEqualTo("0.0");
    assertThat(sample(metrics, id, "meshbench_run_p99_seconds{")).isNull();
    assertThat(metrics).doesNotContain("NaN");

    // A second with successes has its p99 again.
    IntervalSnapshot answered = new IntervalSnapshot(2, 100, 100, 0, 1.0, 2.0, 3.0, 4.0);
    executor.progress(new RunProgress(RunProgress.Phase.MEASURING, 2, 3, answered, 102, 2));
    metrics = metricsWhen(id, "meshbench_run_p99_seconds{");
    assertThat(sample(metrics, id, "meshbench_run_p99_seconds{")).isEqualTo("0.003");

    executor.finish(JobFixtures.documentWithStalledSecond().result());
    JsonNode done = api.awaitJob(id, d -> d.get("status").asText().equals("completed"), DEADLINE);
    assertThat(done.at("/result/timeseries/1/p99_ms").isNull()).isTrue();
    reader.join(DEADLINE.toMillis());
  }

  /** Reads the job's event stream on a thread of its own, handing on each progress event's data. */
  private Thread readEvents(String id, BlockingQueue<String> progressData) {
    Thread t =
        new Thread(
            () -> {
              try {
                HttpResponse<InputStream> stream =
                    api.http.send(
                        HttpRequest.newBuilder(
                                URI.create(api.base + "/benchmarks/jobs/" + id + "/events"))
                            .header("Accept", "text/event-stream")
                            .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                  String line;
                  String event = null;
                  while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                      event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "progress".equals(event)) {
                      progressData.add(line.substring(5).trim());
                    }
                  }
                }
              } catch (Exception e) {
                // the test is over
              }
            },
            "events-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The exposition, once it holds a sample of {@code series} for the job. */
  private String metricsWhen(String id, String series) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String metrics;
    do {
      metrics = api.get("/metrics").body();
      if (sample(metrics, id, series) != null) {
        return metrics;
      }
      Thread.sleep(50); // polling interval: the loop checks the condition
    } while (System.nanoTime() < end);
    throw new AssertionError("no " + series + " sample for " + id + " in:\n" + metrics);
  }

  /** The value of the job's sample of {@code series}, or null when there is none. */
  private static String sample(String metrics, String id, String series) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(series) && l.contains("job_id=\"" + id + "\""))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse(null);
  }
}
