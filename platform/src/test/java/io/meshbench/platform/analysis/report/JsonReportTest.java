package io.meshbench.platform.analysis.report;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  @Test
  void summaryAndKeyFiguresOfEachJob() throws Exception {
    List<JobDocument> jobs =
        List.of(
            job("base").figures(1, 5, 1000).build(),
            job("istio").mesh(MeshType.ISTIO).figures(2, 8, 900).build(),
            job("bad").failed("boom").build());

    JsonNode json = Json.mapper().readTree(CsvReportTest.write(new JsonReport(), jobs));

    assertThat(json.get("summary").get("total_jobs").asInt()).isEqualTo(3);
    assertThat(json.get("summary").get("groups")).hasSize(2);
    JsonNode istioGroup = json.get("summary").get("groups").get(1);
    assertThat(istioGroup.get("overhead_vs_baseline").get("p99_ms").asDouble()).isEqualTo(3.0);
    JsonNode rows = json.get("jobs");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).get("job_id").asText()).isEqualTo("istio");
    assertThat(rows.get(1).get("mesh_type").asText()).isEqualTo("istio");
    assertThat(rows.get(1).get("p99_ms").asDouble()).isEqualTo(8.0);
    assertThat(rows.get(1).has("histogram")).as("histograms stay in the documents").isFalse();
    assertThat(rows.get(2).get("status").asText()).isEqualTo("failed");
    assertThat(rows.get(2).get("p99_ms").isNull()).isTrue();
    assertThat(rows.get(2).get("error").asText()).isEqualTo("boom");
  }
}
