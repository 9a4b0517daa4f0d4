package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listings as summaries, the filters under both their names, and a labelled mesh run: a local job
 * aimed at a service (here a target on loopback) that is said to run under istio.
 */
class JobListingsApiTest {
  @TempDir static Path dir;
  private static ApiFixture api;
  private static TargetServer meshedService;
  private static String baseline;
  private static String istio;

  @BeforeAll
  static void runABaselineAndALabelledIstioJob() throws Exception {
    api = new ApiFixture(dir);
    meshedService = TargetServer.start(TargetConfig.defaults().withHttpPort(0));
    baseline = start("{\"duration\":1,\"warmup\":0,\"rate\":100,\"concurrent_connections\":2}");
    istio =
        start(
            "{\"mesh_type\":\"istio\",\"service_url\":\""
                + meshedService.httpUrl()
                + "\",\"duration\":1,\"warmup\":0,\"rate\":100,\"concurrent_connections\":2}");
    for (String id : new String[] {baseline, istio}) {
      api.awaitJob(id, d -> d.get("status").asText().equals("completed"), Duration.ofSeconds(60));
    }
  }

  private static String start(String body) throws Exception {
    HttpResponse<String> r = api.post("/benchmarks/start", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return ApiFixture.json(r).get("job_id").asText();
  }

  @AfterAll
  static void stop() {
    api.close();
    meshedService.close();
  }

  @Test
  void aLocalJobWithAServiceUrlIsALabelledRunWhoseMeshIsNotVerified() throws Exception {
    JsonNode doc = ApiFixture.json(api.get("/benchmarks/jobs/" + istio));
    assertThat(doc.at("/spec/mesh_type").asText()).isEqualTo("istio");
    assertThat(doc.at("/environment/mesh_verified").asBoolean(true)).isFalse();
    assertThat(doc.at("/result/requests").asLong()).isPositive();
    JsonNode base = ApiFixture.json(api.get("/benchmarks/jobs/" + baseline));
    assertThat(base.at("/environment/mesh_verified").asBoolean(false)).isTrue();
    // Without a service_url, istio would mean deploying the target: that needs a cluster.
    HttpResponse<String> r = api.post("/benchmarks/start", "{\"mesh_type\":\"istio\"}");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(ApiFixture.json(r).get("field").asText()).isEqualTo("mesh_type");
  }

  @Test
  void listingsCarrySummariesUnlessFullIsAsked() throws Exception {
    JsonNode jobs = ApiFixture.json(api.get("/benchmarks/jobs")).get("jobs");
    assertThat(jobs).hasSize(2);
    for (JsonNode job : jobs) {
      assertThat(job.has("iterations")).isFalse();
      JsonNode result = job.get("result");
      assertThat(result.has("latency_ms")).isTrue();
      assertThat(result.get("requests").asLong()).isPositive();
      for (String bulk : Listings.BULK_RESULT_KEYS) {
        assertThat(result.has(bulk)).as(bulk).isFalse();
      }
    }
    JsonNode full = ApiFixture.json(api.get("/benchmarks/jobs?full=true")).get("jobs").get(0);
    assertThat(full.at("/result/histogram").asText()).isNotEmpty();
    assertThat(full.at("/result/timeseries")).isNotEmpty();

    JsonNode results = ApiFixture.json(api.get("/metrics/results")).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("result").has("histogram")).isFalse();
    assertThat(
            ApiFixture.json(api.get("/metrics/results?full=true"))
                .at("/results/0/result/histogram")
                .asText())
        .isNotEmpty();
    assertThat(api.get("/benchmarks/jobs?full=yes").statusCode()).isEqualTo(400);
  }

  @Test
  void filtersWorkUnderTheOriginalNamesAndOurs() throws Exception {
    assertThat(count("/metrics/results?mesh_type=istio", "results")).isEqualTo(1);
    assertThat(count("/metrics/results?test_type=http", "results")).isEqualTo(2);
    assertThat(count("/metrics/results?test_type=grpc", "results")).isZero();
    assertThat(count("/metrics/results?test_type_filter=grpc", "results")).isZero();
    assertThat(count("/metrics/results?test_type_filter=http&mesh_type=baseline", "results"))
        .isEqualTo(1);
    assertThat(count("/benchmarks/jobs?status=completed&mesh_type=istio", "jobs")).isEqualTo(1);
    assertThat(count("/benchmarks/jobs?status_filter=completed", "jobs")).isEqualTo(2);
    assertThat(count("/benchmarks/jobs?status=running", "jobs")).isZero();
    assertThat(count("/benchmarks/jobs?test_type=grpc", "jobs")).isZero();
    assertThat(count("/benchmarks/jobs?created_since=2000-01-01T00:00:00Z", "jobs")).isEqualTo(2);
    assertThat(count("/benchmarks/jobs?created_before=2000-01-01T00:00%2B01:00", "jobs")).isZero();

    JsonNode summary = ApiFixture.json(api.get("/metrics/summary?mesh_type=istio"));
    assertThat(summary.get("groups")).hasSize(1);
    JsonNode group = summary.get("groups").get(0);
    assertThat(group.get("mesh_type").asText()).isEqualTo("istio");
    // Filtering by mesh keeps the overhead against the baseline.
    assertThat(group.get("overhead_vs_baseline").isObject()).isTrue();
    assertThat(ApiFixture.json(api.get("/metrics/summary?test_type=grpc")).get("groups")).isEmpty();
  }

  private static int count(String path, String key) throws Exception {
    HttpResponse<String> r = api.get(path);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return ApiFixture.json(r).get(key).size();
  }
}
