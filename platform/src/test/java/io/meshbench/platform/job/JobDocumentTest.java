package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.stats.HistogramCodec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JobDocumentTest {

  @Test
  void serialisesToTheGoldenDocument() throws IOException {
    JsonNode actual =
        Json.mapper().readTree(Json.mapper().writeValueAsString(JobFixtures.document()));
    JsonNode golden = Json.mapper().readTree(JobFixtures.golden("golden/job-document.json"));
    // Compressed bytes may differ between zlib builds; the histograms they carry may not.
    for (String field : new String[] {"histogram", "service_histogram", "connect_histogram"}) {
      ObjectNode a = (ObjectNode) actual.get("result");
      ObjectNode g = (ObjectNode) golden.get("result");
      assertThat(HistogramCodec.decode(a.remove(field).asText()))
          .isEqualTo(HistogramCodec.decode(g.remove(field).asText()));
    }
    assertThat(actual).isEqualTo(golden);
  }

  @Test
  void roundTripsThroughJson() throws IOException {
    JobDocument doc = JobFixtures.document();
    String json = Json.mapper().writeValueAsString(doc);
    JobDocument back = Json.mapper().readValue(json, JobDocument.class);
    assertThat(back).isEqualTo(doc);
  }
}
