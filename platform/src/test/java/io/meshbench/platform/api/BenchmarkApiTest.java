package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark routes with real runs of the engine against the built-in target. */
class BenchmarkApiTest {
  private static final String SHORT_JOB =
      "{\"test_type\":\"http\",\"mesh_type\":\"baseline\",\"namespace\":\"default\","
          + "\"duration\":1,\"warmup\":0,\"rate\":200,\"concurrent_connections\":2}";

  @TempDir Path dir;
  private ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** Queues a short job of {@code durationS} measured seconds; returns its id. */
  private String startJob(int durationS) throws Exception {
    HttpResponse<String> r =
        api.post(
            "/benchmarks/start", SHORT_JOB.replace("\"duration\":1", "\"duration\":" + durationS));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return ApiFixture.json(r).get("job_id").asText();
  }

  @Test
  void theSeedsCurlCommandsWorkVerbatim() throws Exception {
    HttpResponse<String> started =
        api.post(
            "/benchmarks/start",
            "{\"test_type\":\"http\",\"mesh_type\":\"baseline\",\"namespace\":\"default\",\"duration\":60}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode reply = ApiFixture.json(started);
    String id = reply.get("job_id").asText();
    assertThat(reply.get("status").asText()).isEqualTo("pending");
    // A pending job has a creation time; started_at, DESIGN §6's name for the reply's time (the
    // system it replaces), is the same instant. The job's own start time comes later.
    assertThat(reply.get("created_at").asText()).isNotEmpty();
    assertThat(reply.get("started_at").asText()).isEqualTo(reply.get("created_at").asText());
    // Persisted before the reply: the file is there already.
    assertThat(dir.resolve("jobs").resolve(id + ".json")).exists();
    HttpResponse<String> summary = api.get("/metrics/summary");
    assertThat(summary.statusCode()).isEqualTo(200);
    api.post("/benchmarks/jobs/" + id + "/stop", null);
  }

  @Test
  void aJobRunsToCompletionAndItsResultIsServed() throws Exception {
    String id = startJob(1);
    JsonNode doc =
        api.awaitJob(id, d -> d.get("status").asText().equals("completed"), Duration.ofSeconds(30));
    assertThat(doc.at("/result/requests").asLong()).isBetween(190L, 210L);
    assertThat(doc.at("/environment/transport").asText()).isNotEmpty();
    assertThat(doc.at("/load_spec/target").asText()).startsWith("http://127.0.0.1:");
    HttpResponse<String> result = api.get("/benchmarks/jobs/" + id + "/result");
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(ApiFixture.json(result).get("throughput_rps").asDouble()).isBetween(190.0, 210.0);

    JsonNode listed = ApiFixture.json(api.get("/benchmarks/jobs?status_filter=completed"));
    assertThat(listed.get("count").asInt()).isEqualTo(1);
    JsonNode results = ApiFixture.json(api.get("/metrics/results?mesh_type=baseline"));
    assertThat(results.get("count").asInt()).isEqualTo(1);
    String metrics = api.get("/metrics").body();
    assertThat(metrics)
        .contains("meshbench_jobs{status=\"completed\"} 1.0")
        .contains("meshbench_latest_p99_seconds{mesh_type=\"baseline\",test_type=\"http\"}")
        .contains("meshbench_http_requests_seconds_count");
  }

  @Test
  void theResultOfAnUnfinishedJobIsAConflict() throws Exception {
    String id = startJob(60);
    HttpResponse<String> result = api.get("/benchmarks/jobs/" + id + "/result");
    assertThat(result.statusCode()).isEqualTo(409);
    assertThat(ApiFixture.json(result).get("error").asText()).isEqualTo("not_finished");
    api.post("/benchmarks/jobs/" + id + "/stop", null);
  }

  @Test
  void stopReallyStopsARunningJob() throws Exception {
    String id = startJob(120);
    api.awaitJob(id, d -> d.get("status").asText().equals("running"), Duration.ofSeconds(10));
    long before = System.nanoTime();
    HttpResponse<String> stopped = api.post("/benchmarks/jobs/" + id + "/stop", null);
    assertThat(stopped.statusCode()).isEqualTo(200);
    JsonNode doc = ApiFixture.json(stopped);
    assertThat(doc.get("status").asText()).isEqualTo("cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(60));
    assertThat(api.jobs.activeJobs()).isZero();
    assertThat(ApiFixture.json(api.get("/benchmarks/jobs/" + id)).get("status").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void deleteStopsAndRemoves() throws Exception {
    String id = startJob(120);
    api.awaitJob(id, d -> d.get("status").asText().equals("running"), Duration.ofSeconds(10));
    assertThat(api.delete("/benchmarks/jobs/" + id).statusCode()).isEqualTo(200);
    assertThat(api.get("/benchmarks/jobs/" + id).statusCode()).isEqualTo(404);
    assertThat(api.jobs.activeJobs()).isZero();
    assertThat(Files.exists(dir.resolve("jobs").resolve(id + ".json"))).isFalse();
  }

  @Test
  void aKnownPathWithAnotherMethodIs405NamingTheMethodsItTakes() throws Exception {
    HttpResponse<String> put = api.send("PUT", "/benchmarks/start", "{}", null);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("POST");
    assertThat(ApiFixture.json(put).get("error").asText()).isEqualTo("method_not_allowed");
    HttpResponse<String> job = api.send("PATCH", "/benchmarks/jobs/some-id", "{}", null);
    assertThat(job.statusCode()).isEqualTo(405);
    assertThat(job.headers().firstValue("Allow")).hasValue("GET, DELETE");
    assertThat(api.send("PUT", "/no/such/route", "{}", null).statusCode()).isEqualTo(404);
  }

  @Test
  void unknownJobsAre404() throws Exception {
    for (String path : List.of("/benchmarks/jobs/nope", "/benchmarks/jobs/nope/result")) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("not_found");
    }
    assertThat(api.post("/benchmarks/jobs/nope/stop", null).statusCode()).isEqualTo(404);
    assertThat(api.delete("/benchmarks/jobs/nope").statusCode()).isEqualTo(404);
  }

  /** The browser's Accept, curl's, none at all, and the same media type in other letters. */
  @ParameterizedTest(name = "Accept: {0}")
  @ValueSource(strings = {"text/event-stream", "*/*", "", "Text/Event-Stream"})
  void eventsStreamProgressThenTheFinalStatus(String accept) throws Exception {
    String id = startJob(2);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.base + "/benchmarks/jobs/" + id + "/events"))
            .timeout(Duration.ofSeconds(30));
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }
    HttpResponse<java.io.InputStream> stream =
        api.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> events = new ArrayList<>();
    String finalData = null;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      String event = null;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
          events.add(event);
        } else if (line.startsWith("data:") && "status".equals(event)) {
          finalData = line.substring(5).trim();
        }
      }
    }
    assertThat(events).contains("progress");
    assertThat(events.get(events.size() - 1)).isEqualTo("status");
    assertThat(finalData).contains("\"status\":\"completed\"");
  }

  @Test
  void eventsNeedAnEventStreamClientAndAKnownJob() throws Exception {
    HttpResponse<String> json = events("whatever", "application/json");
    assertThat(json.statusCode()).isEqualTo(406);
    assertThat(ApiFixture.json(json).get("detail").asText()).contains("text/event-stream");
    // Without an Accept header, or with curl's */*, the route streams: past that check.
    assertThat(api.get("/benchmarks/jobs/whatever/events").statusCode()).isEqualTo(404);
    assertThat(events("whatever", "*/*").statusCode()).isEqualTo(404);
    assertThat(events("whatever", "Text/Event-Stream").statusCode()).isEqualTo(404);
    assertThat(events("nope", "text/event-stream").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> events(String id, String accept) throws Exception {
    return api.http.send(
        HttpRequest.newBuilder(URI.create(api.base + "/benchmarks/jobs/" + id + "/events"))
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void clusterRoutesSayWhyTheyAreUnavailable() throws Exception {
    HttpResponse<String> r = api.get("/kubernetes/nodes");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(ApiFixture.json(r).get("detail").asText()).contains("MESHBENCH_EXECUTOR=kubernetes");
  }

  @Test
  void healthAndStatusDescribeTheServer() throws Exception {
    JsonNode health = ApiFixture.json(api.get("/health"));
    assertThat(health.get("status").asText()).isEqualTo("healthy");
    assertThat(health.get("executor").asText()).isEqualTo("local");
    assertThat(health.get("store").asText()).isEqualTo("file");
    assertThat(health.get("kubernetes_connected").asBoolean()).isFalse();
    assertThat(health.has("active_jobs")).isTrue();
    JsonNode status = ApiFixture.json(api.get("/status"));
    assertThat(status.at("/jobs/pending").asInt()).isZero();
    assertThat(status.at("/cluster/connected").asBoolean()).isFalse();
  }
}
