package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobServiceOptions;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.Retention;
import io.meshbench.platform.store.PostgresJobStore;
import io.meshbench.platform.store.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL, each with its own job service and API on a loopback port: a job
 * running on A survives B's start and B's lease sweeps; B streams its progress and end, and stops
 * and deletes it.
 */
class ReplicasTest {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration TICK = Duration.ofMillis(200);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String LONG_JOB = "{\"duration\":120,\"warmup\":0,\"rate\":50}";

  @TempDir Path dirA;
  @TempDir Path dirB;

  private final HttpClient http = HttpClient.newHttpClient();

  /** One replica: store, job service and API server. */
  private static final class Replica implements AutoCloseable {
    final PostgresJobStore store;
    final JobService jobs;
    final ApiServer server;
    final String base;

    Replica(TestDatabase db, Path dataDir, String id) {
      Clock clock = Clock.systemUTC();
      store = new PostgresJobStore(db.url());
      JobEvents events = new JobEvents();
      JobServiceOptions options =
          new JobServiceOptions(
              1, 100, id, LEASE, TICK, dataDir.resolve("spill"), Retention.KEEP_ALL);
      jobs = new JobService(store, new LocalExecutor(clock), events, clock, options);
      ServerConfig config =
          new ServerConfig(
              "127.0.0.1", 0, dataDir, "set", null, "local", "meshbench:test", 1, 100, false);
      server = new ApiServer(config, jobs, events, clock).start();
      base = "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
      server.close();
      jobs.close();
      store.close();
    }
  }

  @Test
  void aJobOnOneReplicaIsWatchedStoppedAndDeletedThroughAnother() throws Exception {
    try (TestDatabase db = TestDatabase.create("meshbench_replicas");
        Replica a = new Replica(db, dirA, "replica-a")) {
      a.jobs.start();
      String id = start(a, LONG_JOB);
      awaitStatus(a, id, "running");

      try (Replica b = new Replica(db, dirB, "replica-b")) {
        assertThat(b.jobs.start()).as("B's start interrupts nothing that A runs").isEmpty();
        assertThat(get(b, id).get("status").asText()).isEqualTo("running");

        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<String> finalStatus = watch(b, id, events);
        // Progress flows through the store for longer than a lease, with B sweeping meanwhile.
        long wanted = LEASE.toSeconds() + 2;
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (events.stream().filter("progress"::equals).count() < wanted) {
          assertThat(System.nanoTime()).as("progress via B").isLessThan(end);
          Thread.sleep(50); // polling for the condition
        }
        assertThat(get(b, id).get("status").asText()).isEqualTo("running");
        assertThat(a.jobs.activeJobs()).isOne();

        HttpResponse<String> stopped = post(b, "/benchmarks/jobs/" + id + "/stop");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(stopped.body()).get("status").asText())
            .isEqualTo("cancelled");
        assertThat(finalStatus.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
            .contains("\"status\":\"cancelled\"");
        assertThat(events.get(events.size() - 1)).isEqualTo("status");
        assertThat(get(a, id).get("status").asText()).isEqualTo("cancelled");

        String second = start(a, LONG_JOB);
        awaitStatus(a, second, "running");
        HttpResponse<String> deleted = send(b, "DELETE", "/benchmarks/jobs/" + second);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        long stopBy = System.nanoTime() + DEADLINE.toNanos();
        while (a.jobs.activeJobs() != 0) {
          assertThat(System.nanoTime()).as("A stops the deleted run").isLessThan(stopBy);
          Thread.sleep(50); // polling for the condition
        }
        assertThat(
                http.send(getRequest(a, second), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(404);
      }
    }
  }

  /** Reads B's event stream on another thread; completes with the final status event's data. */
  private CompletableFuture<String> watch(Replica r, String id, List<String> events) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            HttpResponse<java.io.InputStream> stream =
                http.send(
                    HttpRequest.newBuilder(
                            URI.create(r.base + "/benchmarks/jobs/" + id + "/events"))
                        .header("Accept", "text/event-stream")
                        .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String event = null;
            String status = null;
            try (BufferedReader in =
                new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
              for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                  event = line.substring(6).trim();
                  events.add(event);
                } else if (line.startsWith("data:") && "status".equals(event)) {
                  status = line.substring(5).trim();
                }
              }
            }
            return status;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private String start(Replica r, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(r.base + "/benchmarks/start"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return Json.mapper().readTree(response.body()).get("job_id").asText();
  }

  private HttpResponse<String> post(Replica r, String path) throws Exception {
    return send(r, "POST", path);
  }

  private HttpResponse<String> send(Replica r, String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(r.base + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest getRequest(Replica r, String id) {
    return HttpRequest.newBuilder(URI.create(r.base + "/benchmarks/jobs/" + id)).build();
  }

  private JsonNode get(Replica r, String id) throws Exception {
    return Json.mapper()
        .readTree(http.send(getRequest(r, id), HttpResponse.BodyHandlers.ofString()).body());
  }

  private void awaitStatus(Replica r, String id, String status) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    JsonNode doc = get(r, id);
    while (!doc.get("status").asText().equals(status)) {
      assertThat(System.nanoTime()).as(id + " becomes " + status + ": " + doc).isLessThan(end);
      Thread.sleep(50); // polling for the condition
      doc = get(r, id);
    }
  }
}
