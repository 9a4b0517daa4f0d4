package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.cluster.ClusterConnection;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.executor.TargetPolicyExecutor;
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
    this(
        dataDir,
        executor,
        new ServerConfig(
            "127.0.0.1", 0, dataDir, null, token, "local", "meshbench:test", 1, maxQueued, false));
  }

  ApiFixture(
      Path dataDir, JobExecutor executor, String token, int maxQueued, ClusterConnection cluster) {
    this(
        dataDir,
        executor,
        new ServerConfig(
            "127.0.0.1", 0, dataDir, null, token, "local", "meshbench:test", 1, maxQueued, false),
        cluster);
  }

  /** A server as {@code meshbench serve} wires it: the executor behind the target policy. */
  ApiFixture(Path dataDir, JobExecutor executor, ServerConfig config) {
    this(dataDir, executor, config, ClusterConnection.none("no cluster in this test"));
  }

  ApiFixture(Path dataDir, JobExecutor executor, ServerConfig config, ClusterConnection cluster) {
    this.token = config.apiToken();
    this.store = new FileJobStore(dataDir);
    JobEvents events = new JobEvents();
    this.jobs =
        new JobService(
            store,
            new TargetPolicyExecutor(config.targetPolicy(), executor),
            events,
            Clock.systemUTC(),
            1,
            config.maxQueuedJobs(),
            dataDir.resolve("spill"));
    jobs.start();
    this.server = new ApiServer(config, jobs, events, Clock.systemUTC(), cluster).start();
    this.base = "http://127.0.0.1:" + server.port();
  }

  /** Sends {@code method path} with a body of this content type and these extra headers. */
  HttpResponse<String> raw(
      String method, String path, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), body());
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
   * Starts a job with {@code startBody} (it must be accepted: 202) and polls it until it ends,
   * completed, failed or cancelled.
   */
  JsonNode runJob(String startBody, Duration deadline) throws IOException, InterruptedException {
    HttpResponse<String> started = post("/benchmarks/start", startBody);
    if (started.statusCode() != 202) {
      throw new AssertionError("start answered " + started.statusCode() + ": " + started.body());
    }
    return awaitJob(
        json(started).get("job_id").asText(),
        d -> d.get("status").asText().matches("completed|failed|cancelled"),
        deadline);
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
