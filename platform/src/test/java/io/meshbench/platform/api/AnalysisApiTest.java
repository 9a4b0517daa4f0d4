package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summary, comparison and reports over jobs that really ran. */
class AnalysisApiTest {
  @TempDir static Path dir;
  private static ApiFixture api;
  private static String twice;
  private static String once;

  @BeforeAll
  static void runTwoJobs() throws Exception {
    api = new ApiFixture(dir);
    twice =
        ApiFixture.json(
                api.post(
                    "/benchmarks/start",
                    "{\"duration\":1,\"warmup\":0,\"rate\":100,\"iterations\":2,"
                        + "\"concurrent_connections\":2,\"labels\":{\"run\":\"a, \\\"quoted\\\"\"}}"))
            .get("job_id")
            .asText();
    once =
        ApiFixture.json(
                api.post(
                    "/benchmarks/start",
                    "{\"duration\":1,\"warmup\":0,\"rate\":200,\"concurrent_connections\":2}"))
            .get("job_id")
            .asText();
    api.awaitJob(once, d -> d.get("status").asText().equals("completed"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void iterationsRunOneAfterAnotherAndMergeExactly() throws Exception {
    JsonNode doc = ApiFixture.json(api.get("/benchmarks/jobs/" + twice));
    assertThat(doc.get("status").asText()).isEqualTo("completed");
    assertThat(doc.get("iterations")).hasSize(2);
    long sum =
        doc.at("/iterations/0/requests").asLong() + doc.at("/iterations/1/requests").asLong();
    assertThat(doc.at("/result/requests").asLong()).isEqualTo(sum);
    assertThat(doc.at("/result/duration_s").asDouble()).isEqualTo(2.0);
    assertThat(doc.at("/result/throughput_rps").asDouble()).isBetween(95.0, 105.0);
  }

  @Test
  void summaryGroupsByTestTypeAndMesh() throws Exception {
    JsonNode summary = ApiFixture.json(api.get("/metrics/summary"));
    assertThat(summary.get("total_jobs").asInt()).isEqualTo(2);
    JsonNode group = summary.get("groups").get(0);
    assertThat(group.get("test_type").asText()).isEqualTo("http");
    assertThat(group.get("mesh_type").asText()).isEqualTo("baseline");
    assertThat(group.get("count").asInt()).isEqualTo(2);
    assertThat(group.at("/latest/job_id").asText()).isEqualTo(once);
    assertThat(group.at("/median/throughput_rps").asDouble()).isBetween(140.0, 160.0);
  }

  @Test
  void compareGivesDeltasAgainstTheFirstAndIntervalsForIterations() throws Exception {
    HttpResponse<String> r = api.get("/benchmarks/compare?ids=" + twice + "," + once);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode c = ApiFixture.json(r);
    assertThat(c.get("reference_job_id").asText()).isEqualTo(twice);
    JsonNode second = c.get("jobs").get(1);
    assertThat(second.at("/delta_vs_first/throughput_pct").asDouble()).isBetween(80.0, 120.0);
    assertThat(c.at("/jobs/0/iterations/count").asInt()).isEqualTo(2);
    assertThat(api.get("/benchmarks/compare?ids=" + twice).statusCode()).isEqualTo(400);
    assertThat(api.get("/benchmarks/compare?ids=" + twice + ",nope").statusCode()).isEqualTo(404);
    assertThat(ApiFixture.json(api.get("/benchmarks/compare")).get("field").asText())
        .isEqualTo("ids");
  }

  @Test
  void reportsAreGeneratedListedAndDownloaded() throws Exception {
    HttpResponse<String> made =
        api.post("/reports/generate", "{\"format\":\"csv\",\"filter_mesh_type\":\"baseline\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String name = ApiFixture.json(made).get("name").asText();
    JsonNode list = ApiFixture.json(api.get("/reports/list"));
    assertThat(list.get("reports").findValuesAsText("name")).contains(name);
    HttpResponse<String> csv = api.get("/reports/download/" + name);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).contains("csv");
    assertThat(csv.body()).contains(twice).contains(once).contains("\"{\"\"run\"\":");

    HttpResponse<String> html =
        api.post("/reports/generate", "{\"format\":\"html\",\"filter_mesh_type\":\"istio\"}");
    String page = api.get("/reports/download/" + ApiFixture.json(html).get("name").asText()).body();
    assertThat(page).contains("<html").doesNotContain(once);

    // The charts are drawn from the jobs' histograms and series, which listings do not carry.
    HttpResponse<String> all = api.post("/reports/generate", "{\"format\":\"html\"}");
    String charted =
        api.get("/reports/download/" + ApiFixture.json(all).get("name").asText()).body();
    assertThat(charted).contains("The 2 newest completed jobs").doesNotContain("no data");
    assertThat(charted.split("class=\"series\"", -1).length - 1)
        .as("a line per job in each of the three charts")
        .isGreaterThanOrEqualTo(6);

    HttpResponse<String> pdf = api.post("/reports/generate", "{\"format\":\"pdf\"}");
    assertThat(pdf.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.json(pdf).get("field").asText()).isEqualTo("format");
    assertThat(api.post("/reports/generate", "{\"filter_mesh_type\":\"kuma\"}").statusCode())
        .isEqualTo(400);
    assertThat(api.get("/reports/download/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
    assertThat(api.get("/reports/download/meshbench-report-x.csv").statusCode()).isIn(400, 404);
  }
}
