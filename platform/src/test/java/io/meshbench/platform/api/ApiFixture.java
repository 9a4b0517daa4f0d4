package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.store.FileJobStore;
import io.meshbench.platform.store.JobStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** A real server on an ephemeral loopback port, with a file store in a temp dir. */
final class ApiFixture implements AutoCloseable {
  final JobStore store;
  final JobService jobs;
  final ApiServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;
  private final String token;

  ApiFixture(Path dataDir) {
    this(dataDir, new LocalExecutor(Clock.systemUTC()), null, 100);
  }

  ApiFixture(Path dataDir, JobExecutor executor, String token, int maxQueued) {
    this.token = token;
    this.store = new FileJobStore(dataDir);
    JobEvents events = new JobEvents();
    this.jobs =
        new JobService(
            store, executor, events, Clock.systemUTC(), 1, maxQueued, dataDir.resolve("spill"));
    jobs.start();
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1", 0, dataDir, null, token, "local", "meshbench:test", 1, maxQueued, false);
    this.server = new ApiServer(config, jobs, events, Clock.systemUTC()).start();
    this.base = "http://127.0.0.1:" + server.port();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), body());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json, token);
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null, token);
  }

  HttpResponse<String> send(String method, String path, String json, String bearer)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json");
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), body());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  /**
   * Polls the job until {@code done} holds or the deadline passes; the deadline is generous and
   * only bounds a failing test.
   */
  JsonNode awaitJob(String jobId, Predicate<JsonNode> done, Duration deadline)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    JsonNode doc;
    do {
      doc = json(get("/benchmarks/jobs/" + jobId));
      if (done.test(doc)) {
        return doc;
      }
      Thread.sleep(50); // polling interval, not a wait for luck: the loop checks the condition
    } while (System.nanoTime() < end);
    throw new AssertionError("job " + jobId + " did not get there in " + deadline + ": " + doc);
  }

  static String body(Map<String, Object> fields) throws IOException {
    return Json.mapper().writeValueAsString(fields);
  }

  private static HttpResponse.BodyHandler<String> body() {
    return HttpResponse.BodyHandlers.ofString();
  }

  @Override
  public void close() {
    server.close();
    jobs.close();
    store.close();
  }
}
