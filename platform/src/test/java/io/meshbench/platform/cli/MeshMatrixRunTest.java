package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubeletCluster;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main user flow: one command compares meshes in a cluster, interleaved. */
class MeshMatrixRunTest {
  @TempDir Path dir;

  @Test
  void runsMeshesInterleavedAndComparesThemAgainstBaseline() throws Exception {
    try (KubeletCluster cluster = new KubeletCluster()) {
      cluster.install(MeshType.ISTIO);
      cluster.install(MeshType.LINKERD);
      KubernetesRunner runner =
          new KubernetesRunner(cluster.client, new ClusterRunSettings(3_000, 30_000, 500, 500));
      JobSpec base =
          new JobSpec(
              Protocol.HTTP,
              MeshType.BASELINE,
              "bench",
              1.5,
              0.3,
              100,
              2,
              null,
              0,
              1,
              2,
              Map.of(),
              null,
              SidecarMode.BOTH,
              List.of());
      LoadSpec load =
          LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:1/")
              .rateRps(100)
              .connections(2)
              .durationMs(1500)
              .warmupMs(300)
              .build();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Path output = dir.resolve("matrix.json");

      int exit =
          runner.run(
              base,
              List.of(MeshType.BASELINE, MeshType.ISTIO, MeshType.LINKERD),
              "meshbench:test",
              load,
              List.of(),
              output,
              false,
              new PrintWriter(out),
              new PrintWriter(err));

      assertThat(exit).as(err.toString()).isZero();
      // A B C A B C: drift hits every mesh alike.
      List<String> order = err.toString().lines().filter(l -> l.startsWith("iteration")).toList();
      assertThat(order).hasSize(6);
      String[] expected = {
        "1/2 baseline", "1/2 istio", "1/2 linkerd", "2/2 baseline", "2/2 istio", "2/2 linkerd"
      };
      for (int i = 0; i < 6; i++) {
        assertThat(order.get(i)).startsWith("iteration " + expected[i]).contains("completed");
      }
      assertThat(out.toString())
          .contains("Mesh matrix: 2 iteration(s)")
          .contains("istio")
          .contains("linkerd");
      // --output is the job document, the same as the API's: the matrix under "matrix".
      JsonNode doc = Json.mapper().readTree(Files.readString(output));
      assertThat(doc.get("status").asText()).isEqualTo("completed");
      assertThat(doc.at("/environment/mesh_verified").asBoolean()).isTrue();
      assertThat(doc.at("/spec/mesh_types").toString())
          .isEqualTo("[\"baseline\",\"istio\",\"linkerd\"]");
      assertThat(doc.at("/matrix/order").toString())
          .isEqualTo(
              "[\"baseline 1/2\",\"istio 1/2\",\"linkerd 1/2\","
                  + "\"baseline 2/2\",\"istio 2/2\",\"linkerd 2/2\"]");
      JsonNode comparison = doc.at("/matrix/comparison");
      JsonNode rows = comparison.get("meshes");
      assertThat(comparison.get("reference_mesh").asText()).isEqualTo("baseline");
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).has("p99_overhead_ms")).isFalse();
      for (int i = 1; i < 3; i++) {
        JsonNode ci = rows.get(i).get("p99_overhead_ms").get("ci95");
        assertThat(ci.get("n").asInt()).isEqualTo(2);
        assertThat(ci.get("ci95_low").asDouble())
            .isLessThanOrEqualTo(ci.get("ci95_high").asDouble());
        assertThat(rows.get(i).get("proxy_cpu_millicores").asDouble()).isGreaterThan(0);
      }
      assertThat(rows.get(0).get("proxy_cpu_millicores").asDouble()).isZero();
      assertThat(doc.at("/matrix/meshes")).hasSize(3);
      assertThat(doc.at("/matrix/meshes/1/iterations")).hasSize(2);
      assertThat(doc.at("/matrix/meshes/1/cluster/mesh_verified").asBoolean()).isTrue();
      assertThat(cluster.leftovers()).isEmpty();
    }
  }
}
