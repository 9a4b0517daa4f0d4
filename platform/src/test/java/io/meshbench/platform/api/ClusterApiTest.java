package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.meshbench.platform.cluster.ClusterConnection;
import io.meshbench.platform.cluster.MockCluster;
import io.meshbench.platform.executor.LocalExecutor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster routes of a real API server whose client points at fabric8's CRUD mock. */
class ClusterApiTest {
  static final List<String> ROUTES =
      List.of(
          "/kubernetes/namespaces",
          "/kubernetes/nodes",
          "/kubernetes/meshes",
          "/kubernetes/mesh-status/bench",
          "/kubernetes/services/bench",
          "/kubernetes/pods/bench");

  @TempDir Path dir;
  MockCluster cluster;
  ApiFixture api;

  @BeforeEach
  void seed() {
    cluster = new MockCluster();
    cluster.namespace("bench", Map.of("istio-injection", "enabled"), Map.of("team", "perf"));
    cluster.node("node-a", true, "2", "8Gi", "control-plane");
    cluster.node("node-b", false, "4", "16Gi", "worker");
    cluster.deployment(
        "istio-system",
        "istiod",
        Map.of("app", "istiod", "app.kubernetes.io/version", "1.24.2"),
        "istio/pilot:1.24.2",
        true);
    cluster.service("bench", "target", 8080);
    cluster.pod("bench", "target-1", List.of("istio-proxy"), Map.of(), true, 2);
    cluster.pod("bench", "worker-0", List.of(), Map.of(), false, 0);
    api =
        new ApiFixture(
            dir,
            new LocalExecutor(Clock.systemUTC()),
            null,
            10,
            ClusterConnection.of(cluster.client, "the test's mock API server"));
  }

  @AfterEach
  void close() {
    api.close();
    cluster.close();
  }

  @Test
  void namespacesAndNodes() throws Exception {
    JsonNode ns = ok("/kubernetes/namespaces").get("namespaces");
    List<String> names = new ArrayList<>();
    ns.forEach(n -> names.add(n.get("name").asText()));
    assertThat(names).containsExactly("bench", "istio-system");
    assertThat(ns.get(0).get("phase").asText()).isEqualTo("Active");
    assertThat(ns.get(0).at("/labels/istio-injection").asText()).isEqualTo("enabled");

    JsonNode nodes = ok("/kubernetes/nodes").get("nodes");
    assertThat(nodes).hasSize(2);
    JsonNode a = nodes.get(0);
    assertThat(a.get("name").asText()).isEqualTo("node-a");
    assertThat(a.get("ready").asBoolean()).isTrue();
    assertThat(nodes.get(1).get("ready").asBoolean()).isFalse();
    assertThat(a.get("roles").get(0).asText()).isEqualTo("control-plane");
    assertThat(a.get("kubelet_version").asText()).isEqualTo("v1.33.1");
    assertThat(a.get("container_runtime").asText()).isEqualTo("containerd://2.1.1");
    assertThat(a.get("internal_ip").asText()).isEqualTo("10.0.0.2");
    assertThat(a.at("/capacity/cpu_millicores").asLong()).isEqualTo(2000);
    assertThat(a.at("/capacity/memory_mib").asLong()).isEqualTo(8192);
    assertThat(a.at("/capacity/pods").asLong()).isEqualTo(110);
    assertThat(a.at("/allocatable/cpu_millicores").asLong()).isEqualTo(1900);
    assertThat(a.at("/allocatable/memory_mib").asLong()).isEqualTo(7168);
  }

  @Test
  void meshesSayWhatIsInstalled() throws Exception {
    JsonNode meshes = ok("/kubernetes/meshes").get("meshes");
    assertThat(meshes).hasSize(7);
    Map<String, JsonNode> byType = new java.util.HashMap<>();
    meshes.forEach(m -> byType.put(m.get("mesh_type").asText(), m));
    assertThat(byType)
        .containsOnlyKeys(
            "baseline", "istio", "istio-ambient", "linkerd", "cilium", "cilium-l7", "consul");
    JsonNode istio = byType.get("istio");
    assertThat(istio.get("installed").asBoolean()).isTrue();
    assertThat(istio.get("version").asText()).isEqualTo("1.24.2");
    assertThat(istio.get("control_plane_ready").asBoolean()).isTrue();
    assertThat(byType.get("linkerd").get("installed").asBoolean()).isFalse();
    assertThat(byType.get("linkerd").get("version").isNull()).isTrue();
    assertThat(byType.get("linkerd").get("detail").asText()).contains("linkerd-destination");
  }

  @Test
  void servicesAndPodsOfANamespace() throws Exception {
    JsonNode services = ok("/kubernetes/services/bench");
    assertThat(services.get("namespace").asText()).isEqualTo("bench");
    JsonNode target = services.get("services").get(0);
    assertThat(target.get("name").asText()).isEqualTo("target");
    assertThat(target.get("type").asText()).isEqualTo("ClusterIP");
    assertThat(target.at("/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(target.at("/ports/0/target_port").asText()).isEqualTo("http");
    assertThat(target.at("/selector/app").asText()).isEqualTo("target");

    JsonNode pods = ok("/kubernetes/pods/bench").get("pods");
    assertThat(pods).hasSize(2);
    JsonNode meshed = pods.get(0);
    assertThat(meshed.get("name").asText()).isEqualTo("target-1");
    assertThat(meshed.get("ready").asBoolean()).isTrue();
    assertThat(meshed.get("phase").asText()).isEqualTo("Running");
    assertThat(meshed.get("restarts").asInt()).isEqualTo(2);
    assertThat(meshed.get("proxies").get(0).asText()).isEqualTo("istio");
    assertThat(meshed.at("/containers/0/name").asText()).isEqualTo("app");
    assertThat(meshed.at("/containers/0/proxy").isNull()).isTrue();
    assertThat(meshed.at("/containers/0/restarts").asInt()).isEqualTo(2);
    assertThat(meshed.at("/containers/0/state").asText()).isEqualTo("running");
    assertThat(meshed.at("/containers/1/name").asText()).isEqualTo("istio-proxy");
    assertThat(meshed.at("/containers/1/proxy").asText()).isEqualTo("istio");
    assertThat(pods.get(1).get("ready").asBoolean()).isFalse();
    assertThat(pods.get(1).get("proxies")).isEmpty();
  }

  @Test
  void meshStatusOfANamespace() throws Exception {
    JsonNode s = ok("/kubernetes/mesh-status/bench");
    assertThat(s.get("namespace").asText()).isEqualTo("bench");
    assertThat(s.at("/labels/istio-injection").asText()).isEqualTo("enabled");
    assertThat(s.at("/annotations/team").asText()).isEqualTo("perf");
    assertThat(s.get("configured_for").get(0).asText()).isEqualTo("istio");
    assertThat(s.get("pods_total").asInt()).isEqualTo(2);
    assertThat(s.get("pods_with_proxy").asInt()).isEqualTo(1);
    assertThat(s.at("/proxies_by_mesh/istio").asInt()).isEqualTo(1);
    assertThat(s.get("cilium_network_policies").isNull()).isTrue(); // Cilium's CRD is absent
    assertThat(s.at("/pods/0/proxies/0").asText()).isEqualTo("istio");
  }

  @Test
  void meshStatusListsCiliumPoliciesAndAmbientPods() throws Exception {
    cluster.namespace("amb", Map.of("istio.io/dataplane-mode", "ambient"), Map.of());
    cluster.pod("amb", "p", List.of(), Map.of("ambient.istio.io/redirection", "enabled"), true, 0);
    cluster.crd("ciliumnetworkpolicies.cilium.io");
    cluster
        .client
        .genericKubernetesResources("cilium.io/v2", "CiliumNetworkPolicy")
        .inNamespace("amb")
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("cilium.io/v2")
                .withKind("CiliumNetworkPolicy")
                .withNewMetadata()
                .withName("l7-http")
                .withNamespace("amb")
                .endMetadata()
                .build())
        .create();
    JsonNode s = ok("/kubernetes/mesh-status/amb");
    assertThat(s.get("configured_for").get(0).asText()).isEqualTo("istio-ambient");
    assertThat(s.at("/proxies_by_mesh/istio-ambient").asInt()).isEqualTo(1);
    assertThat(s.get("cilium_network_policies").get(0).asText()).isEqualTo("l7-http");
  }

  @Test
  void aBadNamespaceIs400NamingTheFieldAndAnUnknownOneIs404() throws Exception {
    for (String route : List.of("mesh-status", "services", "pods")) {
      for (String bad : List.of("Bench", "bench_1", "-bench", "a".repeat(64))) {
        HttpResponse<String> r = api.get("/kubernetes/" + route + "/" + bad);
        assertThat(r.statusCode()).as("%s/%s", route, bad).isEqualTo(400);
        assertThat(ApiFixture.json(r).get("field").asText()).isEqualTo("namespace");
        assertThat(ApiFixture.json(r).get("detail").asText()).contains("DNS-1123");
      }
      HttpResponse<String> missing = api.get("/kubernetes/" + route + "/nope");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(ApiFixture.json(missing).get("detail").asText()).contains("'nope' does not exist");
    }
  }

  @Test
  void healthAndStatusReportTheCluster() throws Exception {
    assertThat(ApiFixture.json(api.get("/health")).get("kubernetes_connected").asBoolean())
        .isTrue();
    JsonNode status = ok("/status");
    assertThat(status.at("/cluster/configured").asBoolean()).isTrue();
    assertThat(status.at("/cluster/connected").asBoolean()).isTrue();
    assertThat(status.at("/cluster/kubernetes_version").asText()).isEqualTo("v1.33.1");
    assertThat(status.at("/cluster/server").asText()).startsWith("http://");
    assertThat(status.get("meshes")).hasSize(7);
    assertThat(status.at("/meshes/1/mesh_type").asText()).isEqualTo("istio");
    assertThat(status.at("/meshes/1/installed").asBoolean()).isTrue();
  }

  @Test
  void aClusterThatStopsAnsweringIs503AndNotConnected() throws Exception {
    // a fresh server, whose reachability check has not run yet, on a cluster that is gone
    MockCluster gone = new MockCluster();
    gone.server.destroy();
    try (ApiFixture down =
        new ApiFixture(
            dir.resolve("down"),
            new LocalExecutor(Clock.systemUTC()),
            null,
            10,
            ClusterConnection.of(gone.client, "a stopped mock"))) {
      for (String route : ROUTES) {
        HttpResponse<String> r = down.get(route);
        assertThat(r.statusCode()).as(route).isEqualTo(503);
        assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("kubernetes_unreachable");
        assertThat(ApiFixture.json(r).get("detail").asText()).contains("did not answer");
      }
      assertThat(ApiFixture.json(down.get("/health")).get("kubernetes_connected").asBoolean())
          .isFalse();
      JsonNode status = ApiFixture.json(down.get("/status"));
      assertThat(status.at("/cluster/configured").asBoolean()).isTrue();
      assertThat(status.at("/cluster/connected").asBoolean()).isFalse();
      assertThat(status.at("/cluster/detail").asText()).contains("did not answer");
    } finally {
      gone.client.close();
    }
  }

  @Test
  void withoutAClusterEveryRouteIs503() throws Exception {
    try (ApiFixture none = new ApiFixture(dir.resolve("none"))) {
      for (String route : ROUTES) {
        HttpResponse<String> r = none.get(route);
        assertThat(r.statusCode()).as(route).isEqualTo(503);
        assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("kubernetes_unavailable");
        assertThat(ApiFixture.json(r).get("detail").asText()).contains("KUBECONFIG");
      }
      assertThat(ApiFixture.json(none.get("/health")).get("kubernetes_connected").asBoolean())
          .isFalse();
      assertThat(ApiFixture.json(none.get("/status")).at("/cluster/configured").asBoolean())
          .isFalse();
    }
  }

  @Test
  void theOpenApiSchemasNameEveryFieldTheRoutesAnswerWith() throws Exception {
    JsonNode doc = ApiFixture.json(api.get("/openapi.json"));
    for (Route r : api.server.routes()) {
      if (!r.path().startsWith("/kubernetes/")) {
        continue;
      }
      JsonNode schema =
          doc.at(
              "/paths/"
                  + r.path().replace("/", "~1")
                  + "/get/responses/200/content/application~1json/schema");
      assertThat(schema.isMissingNode()).as("schema of %s", r.path()).isFalse();
      String path = r.path().replace("{namespace}", "bench");
      assertCovered(ok(path), schema, path);
    }
  }

  /** Every field of {@code json} is a property of {@code schema}, recursively. */
  private static void assertCovered(JsonNode json, JsonNode schema, String where) {
    if (json.isArray()) {
      json.forEach(item -> assertCovered(item, schema.get("items"), where + "[]"));
    } else if (json.isObject() && schema.has("properties")) {
      Iterator<String> names = json.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        assertThat(schema.get("properties").has(name)).as("%s.%s in schema", where, name).isTrue();
        assertCovered(json.get(name), schema.get("properties").get(name), where + "." + name);
      }
    }
  }

  private JsonNode ok(String path) throws Exception {
    HttpResponse<String> r = api.get(path);
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    return ApiFixture.json(r);
  }
}
