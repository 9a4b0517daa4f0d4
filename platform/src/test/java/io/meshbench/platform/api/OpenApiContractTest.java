package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.meshbench.platform.analysis.MatrixReport;
import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SpecRules;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real answers of a real server, validated against the schemas its own {@code /openapi.json}
 * declares for that route and status (JSON Schema 2020-12, as OpenAPI 3.1 uses). The schemas are
 * generated from the serialised records and from {@link SpecRules}, so this fails when either
 * drifts from what the server really does.
 */
class OpenApiContractTest {
  @TempDir static Path dir;
  private static ApiFixture api;
  private static JsonNode openApi;
  private static String first;
  private static String second;

  @BeforeAll
  static void runTwoJobs() throws Exception {
    api = new ApiFixture(dir);
    openApi = ApiFixture.json(api.get("/openapi.json"));
    first = started("{\"duration\":1,\"warmup\":0,\"rate\":100,\"concurrent_connections\":2}");
    second =
        started(
            "{\"duration\":1,\"warmup\":0,\"rate\":100,\"concurrent_connections\":2,"
                + "\"iterations\":2,\"labels\":{\"k\":\"v\"}}");
    for (String id : new String[] {first, second}) {
      api.awaitJob(id, d -> d.get("status").asText().equals("completed"), Duration.ofSeconds(60));
    }
  }

  private static String started(String body) throws Exception {
    HttpResponse<String> r = api.post("/benchmarks/start", body);
    assertValid("POST", "/benchmarks/start", r);
    assertThat(r.statusCode()).isEqualTo(202);
    return ApiFixture.json(r).get("job_id").asText();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void documentsDeclareTheirSecurityAndVersion() {
    assertThat(openApi.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(openApi.at("/paths/~1benchmarks~1start/post/security/0").has("bearer")).isTrue();
    // Reads are open: an empty requirement, not an inherited one.
    assertThat(openApi.at("/paths/~1benchmarks~1jobs/get/security").isArray()).isTrue();
    assertThat(openApi.at("/paths/~1benchmarks~1jobs/get/security")).isEmpty();
    assertThat(openApi.at("/paths/~1benchmarks~1jobs~1{id}~1result/get/operationId").asText())
        .isEqualTo("getBenchmarksJobsIdResult");
    // What is not JSON is declared as what it is.
    assertThat(openApi.at("/paths/~1metrics/get/responses/200/content").fieldNames())
        .toIterable()
        .containsExactly("text/plain");
    assertThat(openApi.at("/paths/~1/get/responses/200/content").fieldNames())
        .toIterable()
        .containsExactly("text/html");
  }

  @Test
  void realAnswersMatchTheirSchemas() throws Exception {
    String[][] gets = {
      {"/benchmarks/jobs/{id}", "/benchmarks/jobs/" + second},
      {"/benchmarks/jobs/{id}/result", "/benchmarks/jobs/" + first + "/result"},
      {"/benchmarks/jobs", "/benchmarks/jobs"},
      {"/benchmarks/jobs", "/benchmarks/jobs?full=true"},
      {"/benchmarks/jobs", "/benchmarks/jobs?status=nope"},
      {"/benchmarks/jobs/{id}", "/benchmarks/jobs/nope"},
      {"/metrics/results", "/metrics/results"},
      {"/metrics/results", "/metrics/results?full=true"},
      {"/metrics/summary", "/metrics/summary"},
      {"/benchmarks/compare", "/benchmarks/compare?ids=" + first + "," + second},
      {"/benchmarks/compare", "/benchmarks/compare?idz=x"},
      {"/health", "/health"},
      {"/health", "/health?x=1"},
      {"/benchmarks/jobs/{id}/spectrum", "/benchmarks/jobs/" + first + "/spectrum"},
      {"/benchmarks/trends", "/benchmarks/trends?test_type=http&mesh_type=baseline"},
      {"/reports/list", "/reports/list"},
    };
    for (String[] g : gets) {
      assertValid("GET", g[0], api.get(g[1]));
    }
    assertValid("POST", "/benchmarks/start", api.post("/benchmarks/start", "{\"duration\":0}"));
    assertValid("POST", "/reports/generate", api.post("/reports/generate", "{\"format\":\"csv\"}"));
    // A mesh matrix on a local server: valid, but refused with 422 naming mesh_types.
    HttpResponse<String> matrix =
        api.post("/benchmarks/start", "{\"mesh_types\":[\"baseline\",\"istio\"]}");
    assertThat(matrix.statusCode()).isEqualTo(422);
    assertValid("POST", "/benchmarks/start", matrix);
    assertValid(
        "POST",
        "/benchmarks/start",
        api.raw("POST", "/benchmarks/start", "text/plain", "{\"duration\":1}"));
  }

  @Test
  void theSchemasRefuseAnswersThatDrifted() throws Exception {
    JsonSchema document = schema("#/components/schemas/JobDocument");
    JsonNode real = ApiFixture.json(api.get("/benchmarks/jobs/" + first));
    assertThat(document.validate(real)).isEmpty();
    ObjectNode extraKey = real.deepCopy();
    extraKey.put("surprise", 1);
    ObjectNode missingKey = real.deepCopy();
    ((ObjectNode) missingKey.get("result")).remove("latency_ms");
    ObjectNode wrongType = real.deepCopy();
    ((ObjectNode) wrongType.get("result")).put("throughput_rps", "fast");
    ObjectNode wrongEnum = real.deepCopy();
    wrongEnum.put("status", "done");
    for (JsonNode drifted : new JsonNode[] {extraKey, missingKey, wrongType, wrongEnum}) {
      assertThat(document.validate(drifted)).isNotEmpty();
    }
    // A summary is not a whole document, and the other way round.
    JsonNode summary = ApiFixture.json(api.get("/benchmarks/jobs")).at("/jobs/0");
    assertThat(document.validate(summary)).isNotEmpty();
    assertThat(schema("#/components/schemas/JobSummary").validate(summary)).isEmpty();
  }

  @Test
  void clusterAndMatrixDocumentsMatchTheJobSchema() {
    JsonSchema document = schema("#/components/schemas/JobDocument");
    JobDocument cluster = JobFixtures.document().withCluster(JobFixtures.clusterReport());
    ObjectNode json = Json.mapper().valueToTree(cluster);
    assertThat(json.at("/result/resources/containers")).hasSize(1);
    assertThat(document.validate(json)).isEmpty();
    assertThat(schema("#/components/schemas/JobSummary").validate(Listings.summary(cluster)))
        .isEmpty();
    // DESIGN §5 puts the resources under result, not beside the mesh verification.
    ObjectNode misplaced = json.deepCopy();
    ((ObjectNode) misplaced.get("cluster")).set("resources", json.at("/result/resources"));
    ((ObjectNode) misplaced.get("result")).remove("resources");
    assertThat(document.validate(misplaced)).isNotEmpty();

    List<MatrixResult.MeshRun> runs =
        List.of(
            new MatrixResult.MeshRun(
                MeshType.BASELINE, "completed", null, cluster.result(), List.of(), null),
            new MatrixResult.MeshRun(
                MeshType.ISTIO,
                "completed",
                null,
                cluster.result(),
                List.of(),
                JobFixtures.clusterReport()));
    JobDocument matrix =
        JobFixtures.document()
            .withMatrix(
                new MatrixResult(
                    MatrixReport.of(runs, 1), List.of("baseline 1/1", "istio 1/1"), runs));
    JsonNode matrixJson = Json.mapper().valueToTree(matrix);
    assertThat(matrixJson.at("/matrix/meshes/1/result/resources/samples").asInt()).isEqualTo(12);
    assertThat(document.validate(matrixJson)).isEmpty();
  }

  @Test
  void theStartSchemaAcceptsAndRefusesWhatTheServerDoes() throws Exception {
    JsonSchema start = schema("#/components/schemas/StartRequest");
    String[] accepted = {
      "{}",
      "{\"test_type\":\"grpc\",\"mesh_type\":\"linkerd\",\"duration\":60,\"rate\":0}",
      "{\"service_url\":null,\"labels\":{\"a\":\"b\"},\"iterations\":3}",
      "{\"mesh_types\":[\"baseline\",\"istio\",\"linkerd\"],\"iterations\":5}",
      "{\"duration\":null,\"test_type\":null,\"labels\":null}",
      "{\"search\":{\"start_rate\":5,\"max_rate\":10,\"slos\":[\"p99<=1000ms\"]}}"
    };
    String[] refused = {
      "{\"duration\":0}",
      "{\"duration\":86401}",
      "{\"concurrent_connections\":1.5}",
      "{\"test_type\":\"ftp\"}",
      "{\"namespace\":\"Bad_NS\"}",
      "{\"colour\":\"blue\"}",
      "{\"iterations\":101}",
      "{\"mesh_types\":[\"istio\"]}",
      "{\"mesh_types\":[\"istio\",\"istio\"]}",
      "{\"mesh_types\":[\"baseline\",\"envoy\"]}",
      "{\"mesh_types\":\"baseline,istio\"}",
      "{\"search\":{\"start_rate\":5,\"max_rate\":10}}",
      "{\"search\":{\"start_rate\":5,\"max_rate\":10,\"slos\":[\"p99<=1s\"],\"step\":1}}"
    };
    for (String body : accepted) {
      assertThat(start.validate(Json.mapper().readTree(body))).as(body).isEmpty();
    }
    for (String body : refused) {
      assertThat(start.validate(Json.mapper().readTree(body))).as(body).isNotEmpty();
      assertThat(api.post("/benchmarks/start", body).statusCode()).as(body).isEqualTo(400);
    }
    JsonNode duration = openApi.at("/components/schemas/StartRequest/properties/duration");
    assertThat(duration.get("maximum").asDouble()).isEqualTo(SpecRules.DURATION.max());
    assertThat(duration.get("default").asDouble()).isEqualTo(SpecRules.DEFAULT_DURATION_S);
  }

  /** The response validates against the schema declared for its route and status. */
  private static void assertValid(String method, String route, HttpResponse<String> r)
      throws Exception {
    String pointer =
        "/paths/"
            + route.replace("~", "~0").replace("/", "~1")
            + "/"
            + method.toLowerCase(Locale.ROOT)
            + "/responses/"
            + r.statusCode();
    JsonNode declared = openApi.at(pointer);
    assertThat(declared.isMissingNode())
        .as("%s %s answered %d, which its description does not list", method, route, r.statusCode())
        .isFalse();
    JsonNode ref = declared.at("/content/application~1json/schema/$ref");
    assertThat(ref.isTextual()).as("a schema for %s %s %d", method, route, r.statusCode()).isTrue();
    Set<ValidationMessage> errors = schema(ref.asText()).validate(ApiFixture.json(r));
    assertThat(errors).as("%s %s %d: %s", method, route, r.statusCode(), r.body()).isEmpty();
  }

  private static JsonSchema schema(String ref) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", ref);
    root.set("components", openApi.get("components"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }
}
