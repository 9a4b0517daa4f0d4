package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubeletCluster;
import io.meshbench.platform.executor.KubernetesExecutor;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mesh_types} through the API: on a server whose executor is Kubernetes (fabric8's mock API
 * server in CRUD mode, worker pods as real local {@code meshbench worker} processes) one request
 * runs the meshes interleaved as one job; bad matrices are refused naming the field; a local server
 * says what cluster configuration a matrix needs.
 */
class MeshMatrixApiTest {
  /** Short, so that a test runs in seconds; the start delay covers a worker JVM's start. */
  private static final ClusterRunSettings FAST = new ClusterRunSettings(3_000, 30_000, 500, 500);

  @TempDir Path dir;

  @Test
  void aMatrixJobRunsTheMeshesInterleavedAndStoresTheComparison() throws Exception {
    try (KubeletCluster cluster = new KubeletCluster();
        ApiFixture api = new ApiFixture(dir, executor(cluster), null, 10)) {
      cluster.install(MeshType.ISTIO);
      JsonNode doc =
          api.runJob(
              "{\"mesh_types\":[\"baseline\",\"istio\"],\"iterations\":2,\"namespace\":\"bench\","
                  + "\"duration\":1,\"warmup\":0.2,\"rate\":100,\"concurrent_connections\":2}",
              Duration.ofMinutes(3));

      assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("completed");
      assertThat(doc.at("/spec/mesh_type").asText()).isEqualTo("baseline");
      assertThat(doc.at("/spec/mesh_types").toString()).isEqualTo("[\"baseline\",\"istio\"]");
      // A B A B: drift hits both meshes alike.
      assertThat(doc.at("/matrix/order").toString())
          .isEqualTo("[\"baseline 1/2\",\"istio 1/2\",\"baseline 2/2\",\"istio 2/2\"]");
      JsonNode meshes = doc.at("/matrix/meshes");
      assertThat(meshes).hasSize(2);
      for (JsonNode mesh : meshes) {
        assertThat(mesh.get("status").asText()).isEqualTo("completed");
        assertThat(mesh.get("iterations")).hasSize(2);
        assertThat(mesh.at("/result/requests").asLong()).isPositive();
        assertThat(mesh.at("/cluster/mesh_verified").asBoolean()).isTrue();
      }
      JsonNode rows = doc.at("/matrix/comparison/meshes");
      assertThat(doc.at("/matrix/comparison/reference_mesh").asText()).isEqualTo("baseline");
      assertThat(rows.get(0).has("p99_overhead_ms")).isFalse();
      assertThat(rows.get(1).get("mesh_type").asText()).isEqualTo("istio");
      assertThat(rows.get(1).at("/p99_overhead_ms/ci95/n").asInt()).isEqualTo(2);
      assertThat(rows.get(1).get("proxy_cpu_millicores").asDouble()).isGreaterThan(0);
      assertThat(rows.get(1).get("p99_9_ms").asDouble()).isPositive();
      assertThat(cluster.leftovers()).isEmpty();

      // The document is what /openapi.json says a job document is; /result points to the matrix.
      JsonNode openApi = ApiFixture.json(api.get("/openapi.json"));
      ObjectNode root = Json.mapper().createObjectNode();
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.put("$ref", "#/components/schemas/JobDocument");
      root.set("components", openApi.get("components"));
      assertThat(
              JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                  .getSchema(root)
                  .validate(doc))
          .isEmpty();
      HttpResponse<String> result =
          api.get("/benchmarks/jobs/" + doc.get("job_id").asText() + "/result");
      assertThat(result.statusCode()).isEqualTo(404);
      assertThat(result.body()).contains("matrix");
    }
  }

  @Test
  void stoppingAMatrixCancelsItKeepsWhatRanAndLeavesNothingInTheCluster() throws Exception {
    try (KubeletCluster cluster = new KubeletCluster();
        ApiFixture api = new ApiFixture(dir, executor(cluster), null, 10)) {
      cluster.install(MeshType.LINKERD);
      HttpResponse<String> started =
          api.post(
              "/benchmarks/start",
              "{\"mesh_types\":[\"linkerd\",\"baseline\"],\"namespace\":\"bench\","
                  + "\"duration\":30,\"warmup\":0,\"rate\":50,\"concurrent_connections\":1}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String id = ApiFixture.json(started).get("job_id").asText();
      // Stop once a worker pod exists: the first cell is under way in the cluster.
      while (cluster
          .admin()
          .pods()
          .inNamespace("bench")
          .withLabel("app.kubernetes.io/component", "worker")
          .list()
          .getItems()
          .isEmpty()) {
        assertThat(ApiFixture.json(api.get("/benchmarks/jobs/" + id)).get("status").asText())
            .isIn("pending", "running");
        Thread.sleep(100);
      }
      assertThat(api.post("/benchmarks/jobs/" + id + "/stop", "{}").statusCode()).isEqualTo(200);

      JsonNode doc =
          api.awaitJob(
              id, d -> d.get("status").asText().equals("cancelled"), Duration.ofMinutes(2));

      assertThat(doc.at("/spec/mesh_type").asText()).isEqualTo("baseline");
      assertThat(doc.at("/matrix/meshes/0/mesh_type").asText()).isEqualTo("linkerd");
      assertThat(doc.at("/matrix/meshes/0/status").asText()).isEqualTo("cancelled");
      assertThat(doc.at("/matrix/meshes/1/status").asText()).isEqualTo("cancelled");
      assertThat(doc.at("/matrix/meshes/1/error").asText()).contains("before this mesh ran");
      assertThat(cluster.leftovers()).isEmpty();
    }
  }

  @Test
  void aMeshThatIsNotInstalledFailsTheMatrixAndKeepsWhatWasMeasured() throws Exception {
    try (KubeletCluster cluster = new KubeletCluster();
        ApiFixture api = new ApiFixture(dir, executor(cluster), null, 10)) {
      // istio is not installed: baseline runs, then the istio cell fails early.
      JsonNode doc =
          api.runJob(
              "{\"mesh_types\":[\"baseline\",\"istio\"],\"namespace\":\"bench\","
                  + "\"duration\":1,\"warmup\":0,\"rate\":50,\"concurrent_connections\":1}",
              Duration.ofMinutes(2));

      assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("failed");
      assertThat(doc.get("error").asText()).contains("istio");
      assertThat(doc.at("/matrix/order").toString()).isEqualTo("[\"baseline 1/1\",\"istio 1/1\"]");
      assertThat(doc.at("/matrix/meshes/0/status").asText()).isEqualTo("completed");
      assertThat(doc.at("/matrix/meshes/0/result/requests").asLong()).isPositive();
      assertThat(doc.at("/matrix/meshes/1/status").asText()).isEqualTo("failed");
      assertThat(doc.at("/matrix/meshes/1/error").asText()).containsIgnoringCase("istio");
      assertThat(doc.at("/matrix/comparison/meshes/0/p50_ms").asDouble()).isPositive();
      assertThat(cluster.leftovers()).isEmpty();
    }
  }

  @Test
  void badMatricesAreRefusedNamingTheField() throws Exception {
    try (ApiFixture api = new ApiFixture(dir)) {
      String[][] cases = {
        {"{\"mesh_types\":[\"baseline\",\"envoy\"]}", "mesh_types", "envoy"},
        {"{\"mesh_types\":[\"baseline\",\"istio\",\"baseline\"]}", "mesh_types", "twice"},
        {"{\"mesh_types\":[\"istio\"]}", "mesh_types", "at least 2"},
        {"{\"mesh_types\":\"istio,linkerd\"}", "mesh_types", "array"},
        {
          "{\"mesh_types\":[\"baseline\",\"istio\"],\"mesh_type\":\"linkerd\"}",
          "mesh_type",
          "linkerd"
        },
      };
      for (String[] c : cases) {
        HttpResponse<String> r = api.post("/benchmarks/start", c[0]);
        assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
        JsonNode body = ApiFixture.json(r);
        assertThat(body.get("field").asText()).as(c[0]).isEqualTo(c[1]);
        String allowed = c[1].equals("mesh_types") ? MeshType.allowed() : "reference mesh baseline";
        assertThat(body.get("detail").asText()).as(c[0]).contains(c[2]).contains(allowed);
      }
      // Valid, but this server runs jobs locally: it says what a matrix needs.
      HttpResponse<String> local =
          api.post("/benchmarks/start", "{\"mesh_types\":[\"baseline\",\"istio\"]}");
      assertThat(local.statusCode()).isEqualTo(422);
      JsonNode body = ApiFixture.json(local);
      assertThat(body.get("field").asText()).isEqualTo("mesh_types");
      assertThat(body.get("detail").asText()).contains("MESHBENCH_EXECUTOR=kubernetes");
      assertThat(ApiFixture.json(api.get("/benchmarks/jobs")).get("jobs")).isEmpty();
    }
  }

  private static KubernetesExecutor executor(KubeletCluster cluster) {
    return new KubernetesExecutor(cluster.client, FAST, "meshbench:test", Clock.systemUTC());
  }
}
