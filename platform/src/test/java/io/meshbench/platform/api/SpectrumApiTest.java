package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /benchmarks/jobs/{id}/spectrum}: the points the dashboard's chart is drawn from. */
class SpectrumApiTest {
  @TempDir Path dir;

  @Test
  void aFinishedJobsSpectrumCoversEveryRecordedValue() throws Exception {
    try (ApiFixture api = new ApiFixture(dir)) {
      HttpResponse<String> started =
          api.post(
              "/benchmarks/start",
              "{\"duration\":1,\"warmup\":0,\"rate\":100,\"concurrent_connections\":1}");
      String id = ApiFixture.json(started).get("job_id").asText();
      JsonNode doc =
          api.awaitJob(
              id, d -> d.get("status").asText().equals("completed"), Duration.ofSeconds(60));

      HttpResponse<String> r = api.get("/benchmarks/jobs/" + id + "/spectrum");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode s = ApiFixture.json(r);
      assertThat(s.get("job_id").asText()).isEqualTo(id);
      assertThat(s.at("/corrected/count").asLong()).isEqualTo(doc.at("/result/requests").asLong());
      assertThat(s.at("/service/count").asLong()).isEqualTo(doc.at("/result/requests").asLong());
      // Values agree within HdrHistogram's resolution (3 significant digits: one bucket, < 0.1 %):
      // the stored histogram is the decoded copy of the one the figures were read from.
      assertThat(s.at("/corrected/max_ms").asDouble())
          .isCloseTo(doc.at("/result/latency_ms/max").asDouble(), withinPercentage(0.1));
      JsonNode first = s.at("/corrected/points/0");
      assertThat(first.get("percentile").asDouble()).isZero();
      assertThat(first.get("value_ms").asDouble())
          .isCloseTo(doc.at("/result/latency_ms/min").asDouble(), withinPercentage(0.1));
      for (JsonNode p : s.at("/corrected/points")) {
        if (p.get("percentile").asDouble() == 50.0) {
          assertThat(p.get("value_ms").asDouble())
              .isCloseTo(doc.at("/result/latency_ms/p50").asDouble(), withinPercentage(0.1));
        }
      }
      JsonNode openApi = ApiFixture.json(api.get("/openapi.json"));
      assertThat(openApi.at("/paths/~1benchmarks~1jobs~1{id}~1spectrum/get/responses").has("409"))
          .isTrue();
    }
  }

  @Test
  void aJobStillRunningAnswers409OneThatEndedWithoutAResult404() throws Exception {
    BlockingExecutor executor = new BlockingExecutor();
    try (ApiFixture api = new ApiFixture(dir, executor, null, 10)) {
      String id =
          ApiFixture.json(api.post("/benchmarks/start", "{\"duration\":1,\"warmup\":0}"))
              .get("job_id")
              .asText();
      HttpResponse<String> pending = api.get("/benchmarks/jobs/" + id + "/spectrum");
      assertThat(pending.statusCode()).isEqualTo(409);
      assertThat(ApiFixture.json(pending).get("error").asText()).isEqualTo("not_finished");
      HttpResponse<String> unknown = api.get("/benchmarks/jobs/20200101-000000-nope/spectrum");
      assertThat(unknown.statusCode()).isEqualTo(404);

      // Stopped before any result: every route that needs one says so alike, and for good.
      api.post("/benchmarks/jobs/" + id + "/stop", null);
      for (String route : new String[] {"/result", "/spectrum", "/export?format=csv"}) {
        HttpResponse<String> none = api.get("/benchmarks/jobs/" + id + route);
        assertThat(none.statusCode()).as(route + " " + none.body()).isEqualTo(404);
        assertThat(ApiFixture.json(none).get("error").asText()).isEqualTo("no_result");
      }
      executor.releaseAll();
    }
  }
}
