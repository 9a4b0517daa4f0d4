package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.job.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a web page could make the operator's browser send (CSRF, DNS rebinding) and oversized
 * bodies, against a real server on an ephemeral port. The jobs never run (a blocking executor):
 * what matters is whether they are queued.
 */
class HostileCallerApiTest {
  private static final String JOB = "{\"duration\":1}";

  @TempDir Path dir;
  private BlockingExecutor executor;
  private ApiFixture api;

  @BeforeEach
  void start() {
    executor = new BlockingExecutor();
    ServerConfig config =
        new ServerConfig("127.0.0.1", 0, dir, null, null, "local", "meshbench:test", 1, 10, false)
            .withPolicies("meshbench, .bench.example", null);
    api = new ApiFixture(dir, executor, config);
  }

  @AfterEach
  void stop() {
    executor.releaseAll();
    api.close();
  }

  private long queued() {
    return api.jobs.count(io.meshbench.platform.job.JobStatus.PENDING)
        + api.jobs.count(io.meshbench.platform.job.JobStatus.RUNNING);
  }

  @Test
  void aTextPlainPostFromAWebPageIsRefusedAndQueuesNothing() throws Exception {
    HttpResponse<String> r = api.raw("POST", "/benchmarks/start", "text/plain", JOB);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
    JsonNode error = ApiFixture.json(r);
    assertThat(error.get("error").asText()).isEqualTo("unsupported_media_type");
    assertThat(error.get("detail").asText()).contains("application/json");
    assertThat(
            api.raw("POST", "/benchmarks/start", "application/x-www-form-urlencoded", "a=b")
                .statusCode())
        .isEqualTo(415);
    assertThat(api.raw("POST", "/benchmarks/start", null, JOB).statusCode()).isEqualTo(415);
    assertThat(queued()).isZero();
    assertThat(
            api.raw("POST", "/benchmarks/start", "application/json; charset=utf-8", JOB)
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void bodilessStopAndDeleteNeedNoContentType() throws Exception {
    String id =
        ApiFixture.json(api.raw("POST", "/benchmarks/start", "application/json", JOB))
            .get("job_id")
            .asText();
    assertThat(api.raw("POST", "/benchmarks/jobs/" + id + "/stop", null, null).statusCode())
        .isEqualTo(200);
    assertThat(api.raw("DELETE", "/benchmarks/jobs/" + id, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aForeignOriginMayNotChangeAnythingButMayRead() throws Exception {
    HttpResponse<String> r =
        api.raw(
            "POST", "/benchmarks/start", "application/json", JOB, "Origin", "https://evil.test");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("forbidden_origin");
    assertThat(
            api.raw("POST", "/benchmarks/start", "application/json", JOB, "Origin", "null")
                .statusCode())
        .isEqualTo(403);
    // Another port on the same host is another origin (another local web app).
    String otherPort = "http://127.0.0.1:" + (api.server.port() == 1 ? 2 : 1);
    assertThat(
            api.raw("POST", "/benchmarks/start", "application/json", JOB, "Origin", otherPort)
                .statusCode())
        .isEqualTo(403);
    assertThat(queued()).isZero();
    assertThat(
            api.raw("DELETE", "/benchmarks/jobs/x", null, null, "Origin", "https://evil.test")
                .statusCode())
        .isEqualTo(403);
    // The dashboard's own page, and a listed host, may.
    assertThat(
            api.raw("POST", "/benchmarks/start", "application/json", JOB, "Origin", api.base)
                .statusCode())
        .isEqualTo(202);
    assertThat(
            api.raw(
                    "POST",
                    "/benchmarks/start",
                    "application/json",
                    JOB,
                    "Origin",
                    "https://ui.bench.example")
                .statusCode())
        .isEqualTo(202);
    assertThat(api.raw("GET", "/benchmarks/jobs", null, null, "Origin", "https://evil.test"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
  }

  @Test
  void aHostThatIsNotTheServersIsRefused() throws Exception {
    // DNS rebinding: the browser believes it talks to evil.test, which now resolves to us.
    RawHttp.Response r = get("/health", "evil.test:" + api.server.port());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(Json.mapper().readTree(r.body()).get("detail").asText())
        .contains("MESHBENCH_ALLOWED_HOSTS");
    assertThat(get("/health", "localhost:" + api.server.port()).statusCode()).isEqualTo(200);
    assertThat(get("/health", "127.0.0.1:" + api.server.port()).statusCode()).isEqualTo(200);
    // MESHBENCH_ALLOWED_HOSTS: Prometheus scrapes by service name in compose.
    assertThat(get("/metrics", "meshbench:8000").statusCode()).isEqualTo(200);
    assertThat(get("/health", "api.bench.example").statusCode()).isEqualTo(200);
    assertThat(get("/health", "bench.example.evil.test").statusCode()).isEqualTo(403);
  }

  @Test
  void anOversizedBodyIs413InTheUsualShapeAnnouncedOrChunked() throws Exception {
    String big = "{\"labels\":{\"x\":\"" + "a".repeat(ApiServer.MAX_BODY_BYTES) + "\"}}";
    HttpResponse<String> r = api.raw("POST", "/benchmarks/start", "application/json", big);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    JsonNode error = ApiFixture.json(r);
    assertThat(error.get("error").asText()).isEqualTo("body_too_large");
    assertThat(error.get("detail").asText()).contains(Integer.toString(ApiServer.MAX_BODY_BYTES));

    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create(api.base + "/benchmarks/start"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    HttpResponse<String> c = api.http.send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(c.statusCode()).as(c.body()).isEqualTo(413);
    assertThat(ApiFixture.json(c).get("error").asText()).isEqualTo("body_too_large");
    assertThat(queued()).isZero();
  }

  @Test
  void theRefusalOfABodyStillBeingSentReachesTheClient() throws Exception {
    // The 413 goes out while the client is still sending. Had the server closed the socket with
    // that body unread, the kernel would answer the next bytes with a reset, which destroys the
    // response before the client reads it ("header parser received no bytes"), now and then.
    String big = "{\"labels\":{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}}";
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = api.raw("POST", "/benchmarks/start", "application/json", big);
      assertThat(r.statusCode()).as("attempt %d: %s", i, r.body()).isEqualTo(413);
      assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("body_too_large");
    }
    assertThat(queued()).isZero();
  }

  @Test
  void unknownQueryParametersAreNamedEverywhere() throws Exception {
    for (String path :
        new String[] {
          "/benchmarks/jobs?stauts=completed",
          "/metrics/results?stauts=completed",
          "/metrics/summary?stauts=completed",
          "/health?stauts=completed",
          "/openapi.json?stauts=completed"
        }) {
      HttpResponse<String> r = api.get(path);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
      assertThat(ApiFixture.json(r).get("field").asText()).isEqualTo("stauts");
    }
    HttpResponse<String> both = api.get("/benchmarks/jobs?test_type=http&test_type_filter=grpc");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.json(both).get("detail").asText()).contains("test_type_filter");
  }

  private RawHttp.Response get(String path, String host) throws Exception {
    // java.net.http refuses to set Host; a raw socket sends exactly what a browser would.
    return RawHttp.get(api.server.port(), path, host);
  }
}
