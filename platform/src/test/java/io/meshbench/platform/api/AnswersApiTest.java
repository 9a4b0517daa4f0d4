package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.analysis.AnalysisFixtures;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search jobs, regressions, trends and exports through the API, with real runs. */
class AnswersApiTest {
  private static final String JOB =
      "{\"test_type\":\"http\",\"mesh_type\":\"baseline\",\"duration\":1,\"warmup\":0,"
          + "\"rate\":200,\"concurrent_connections\":2}";

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

  private JsonNode run(String body) throws Exception {
    HttpResponse<String> r = api.post("/benchmarks/start", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = ApiFixture.json(r).get("job_id").asText();
    return api.awaitJob(
        id, d -> !d.get("status").asText().matches("pending|running"), Duration.ofSeconds(90));
  }

  @Test
  void aSearchJobKeepsItsStepsAndAnswer() throws Exception {
    JsonNode doc =
        run(
            "{\"duration\":1,\"warmup\":1,\"concurrent_connections\":2,\"search\":"
                + "{\"start_rate\":50,\"max_rate\":100,\"step_duration\":0.5,"
                + "\"slos\":[\"error_rate<=1%\"]}}");
    assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("completed");
    assertThat(doc.at("/spec/search/max_rate").asDouble()).isEqualTo(100);
    assertThat(doc.at("/search/steps")).hasSize(2);
    assertThat(doc.at("/search/steps/0/rate_rps").asDouble()).isEqualTo(50);
    assertThat(doc.at("/search/steps/1/passed").asBoolean()).isTrue();
    assertThat(doc.at("/search/steps/1/result/histogram").asText()).isNotEmpty();
    assertThat(doc.at("/search/outcome").asText()).isEqualTo("max_rate_passed");
    assertThat(doc.at("/search/max_rate_rps").asDouble()).isEqualTo(100);
    assertThat(doc.at("/search/proving_step").asInt()).isEqualTo(2);
  }

  @Test
  void aBadSearchIsA400NamingTheField() throws Exception {
    HttpResponse<String> r =
        api.post(
            "/benchmarks/start",
            "{\"search\":{\"start_rate\":500,\"max_rate\":100,\"slos\":[\"p99<=5ms\"]}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.json(r).get("field").asText()).isEqualTo("search.start_rate");
    HttpResponse<String> noSlo =
        api.post("/benchmarks/start", "{\"search\":{\"start_rate\":10,\"max_rate\":100}}");
    assertThat(ApiFixture.json(noSlo).get("field").asText()).isEqualTo("search.slos");
  }

  @Test
  void aSlowerRunIsFlaggedOnTheDocumentInTrendsAndInMetrics() throws Exception {
    JsonNode first = run(JOB);
    JobDocument template = Json.mapper().treeToValue(first, JobDocument.class);
    // Only the fast history below counts: a busy machine's first run can be slow itself.
    api.store.delete(template.jobId());
    // Four earlier runs of the same spec, far faster than loopback can be: the next real run is
    // significantly worse than them.
    for (int i = 0; i < 4; i++) {
      JobDocument fast =
          template.withRun(
              template.environment(),
              template.loadSpec(),
              AnalysisFixtures.result(0.001, 0.002 + i * 0.0001, 200),
              java.util.List.of());
      api.store.save(
          new JobDocument(
              "20200101-00000" + i + "-http-baseline-aaaa",
              fast.status(),
              fast.spec(),
              fast.executor(),
              Instant.parse("2020-01-01T00:00:0" + i + "Z"),
              fast.startedAt(),
              fast.completedAt(),
              null,
              fast.environment(),
              fast.loadSpec(),
              fast.result(),
              java.util.List.of()));
    }
    JsonNode slow = run(JOB);
    assertThat(slow.at("/regression/verdict").asText()).as(slow.toString()).isEqualTo("regression");
    assertThat(slow.at("/regression/preceding_jobs").asInt()).isEqualTo(4);
    assertThat(slow.at("/regression/test").asText()).contains("prediction bound");

    JsonNode trends =
        ApiFixture.json(api.get("/benchmarks/trends?test_type=http&mesh_type=baseline&limit=10"));
    assertThat(trends.get("points")).hasSize(5);
    assertThat(trends.at("/points/4/job_id").asText()).isEqualTo(slow.get("job_id").asText());
    assertThat(trends.at("/points/4/regression").asText()).isEqualTo("regression");
    assertThat(trends.get("regressions").asInt()).isEqualTo(1);
    assertThat(api.get("/metrics").body())
        .contains("meshbench_regression{mesh_type=\"baseline\",test_type=\"http\"} 1.0");

    assertThat(api.get("/benchmarks/trends?test_type=http").statusCode()).isEqualTo(400);
    assertThat(api.get("/benchmarks/trends?test_type=tcp&mesh_type=baseline").statusCode())
        .isEqualTo(400);
  }

  @Test
  void exportsAJobInEachFormat() throws Exception {
    String id = run(JOB).get("job_id").asText();
    HttpResponse<String> smp = api.get("/benchmarks/jobs/" + id + "/export?format=smp");
    assertThat(smp.statusCode()).isEqualTo(200);
    assertThat(smp.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(ApiFixture.json(smp).at("/result/testId").asText()).isEqualTo(id);
    HttpResponse<String> hlog = api.get("/benchmarks/jobs/" + id + "/export?format=hlog");
    assertThat(hlog.body()).contains("#[StartTime:").contains("Tag=corrected");
    HttpResponse<String> csv = api.get("/benchmarks/jobs/" + id + "/export?format=csv");
    assertThat(csv.body()).startsWith("job_id,test_type,mesh_type,t_s");
    HttpResponse<String> html = api.get("/benchmarks/jobs/" + id + "/export?format=html");
    assertThat(html.body()).contains("<svg");
    HttpResponse<String> bad = api.get("/benchmarks/jobs/" + id + "/export?format=pdf");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.json(bad).get("field").asText()).isEqualTo("format");
    assertThat(api.get("/benchmarks/jobs/nope/export?format=smp").statusCode()).isEqualTo(404);
  }
}
