package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobDocumentTest {

  @Test
  void serialisesToTheGoldenDocument() throws IOException {
    JsonNode actual = Json.mapper().valueToTree(JobFixtures.document());
    JsonNode golden = Json.mapper().readTree(golden("golden/job-document.json"));
    assertThat(actual).isEqualTo(golden);
  }

  @Test
  void roundTripsThroughJson() throws IOException {
    JobDocument doc = JobFixtures.document();
    String json = Json.mapper().writeValueAsString(doc);
    JobDocument back = Json.mapper().readValue(json, JobDocument.class);
    assertThat(back).isEqualTo(doc);
  }

  static String golden(String resource) throws IOException {
    try (InputStream in = JobDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
