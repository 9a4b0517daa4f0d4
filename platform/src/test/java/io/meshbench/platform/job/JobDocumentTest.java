package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.cluster.ClusterReport;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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

  @Test
  void aClusterRunsResourcesAreWrittenUnderItsResult() throws IOException {
    JobDocument doc = JobFixtures.document().withCluster(JobFixtures.clusterReport());

    JsonNode json = Json.mapper().valueToTree(doc);

    assertThat(json.at("/result/resources/containers/0/container").asText())
        .isEqualTo("istio-proxy");
    assertThat(json.at("/result/resources/containers/0/cpu_millicores_max").asDouble())
        .isEqualTo(95.0);
    assertThat(json.at("/result/requests").asLong()).isEqualTo(doc.result().requests());
    assertThat(json.get("cluster").has("resources")).isFalse();
    assertThat(json.at("/cluster/mesh_verified").asBoolean()).isTrue();
    assertThat(Json.mapper().treeToValue(json, JobDocument.class)).isEqualTo(doc);
  }

  @Test
  void aDocumentWithoutAResultRoundTrips() throws IOException {
    JobDocument pending = JobDocument.pending("j", null, "local", Instant.EPOCH, null);
    JsonNode json = Json.mapper().valueToTree(pending);

    assertThat(json.get("result").isNull()).isTrue();
    assertThat(Json.mapper().treeToValue(json, JobDocument.class)).isEqualTo(pending);
  }

  @Test
  void aLocalRunsResultHasNoResources() {
    JsonNode json = Json.mapper().valueToTree(JobFixtures.document());

    assertThat(json.get("result").has("resources")).isFalse();
    assertThat(json.has("cluster")).isFalse();
  }

  @Test
  void aDocumentWithResourcesUnderItsClusterStillReadsThem() throws IOException {
    JobDocument doc = JobFixtures.document().withCluster(JobFixtures.clusterReport());
    ObjectNode json = Json.mapper().valueToTree(doc);
    ((ObjectNode) json.get("cluster")).set("resources", json.at("/result/resources"));
    ((ObjectNode) json.get("result")).remove("resources");

    assertThat(Json.mapper().treeToValue(json, JobDocument.class)).isEqualTo(doc);
  }

  @Test
  void aMatrixMeshsResourcesAreWrittenUnderItsResult() throws IOException {
    JobDocument doc = JobFixtures.document();
    MatrixResult.MeshRun run =
        new MatrixResult.MeshRun(
            MeshType.ISTIO,
            "completed",
            null,
            doc.result(),
            List.of(),
            JobFixtures.clusterReport());

    JsonNode json = Json.mapper().valueToTree(run);

    assertThat(json.at("/result/resources/containers/0/role").asText()).isEqualTo("proxy");
    assertThat(json.get("cluster").has("resources")).isFalse();
    assertThat(Json.mapper().treeToValue(json, MatrixResult.MeshRun.class)).isEqualTo(run);
  }

  @Test
  void eachMeshOfAMatrixIsVerifiedAsFarAsItsOwnPodsWere() {
    JobDocument doc = JobFixtures.document();
    ClusterReport verified = JobFixtures.clusterReport();
    ClusterReport labelled =
        new ClusterReport(
            verified.namespace(),
            verified.workers(),
            verified.image(),
            verified.sidecarMode(),
            verified.mesh(),
            false,
            verified.resources());
    List<MatrixResult.MeshRun> runs =
        List.of(
            new MatrixResult.MeshRun(
                MeshType.ISTIO, "completed", null, doc.result(), List.of(), verified),
            new MatrixResult.MeshRun(
                MeshType.LINKERD, "completed", null, doc.result(), List.of(), labelled));
    JobDocument matrix =
        doc.withRun(doc.environment().withMeshVerified(false), doc.loadSpec(), null, List.of())
            .withMatrix(new MatrixResult(null, List.of("istio 1/1", "linkerd 1/1"), runs));

    List<JobDocument> meshes = MatrixResult.unfold(List.of(matrix));

    assertThat(meshes).extracting(d -> d.environment().meshVerified()).containsExactly(true, false);
  }
}
