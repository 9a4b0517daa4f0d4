package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubeletCluster;
import io.meshbench.platform.executor.KubernetesExecutor;
import io.meshbench.platform.job.MeshType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-mesh job queued through the API on a Kubernetes server (mock API server in CRUD mode,
 * workers as real local processes): the server's pending document has no environment yet, and the
 * finished one must carry the coordinator's, with the cluster's versions.
 */
class ClusterJobApiTest {
  @TempDir Path dir;

  @Test
  void aJobQueuedThroughTheApiRunsInTheClusterAndRecordsItsEnvironment() throws Exception {
    try (KubeletCluster cluster = new KubeletCluster();
        ApiFixture api =
            new ApiFixture(
                dir,
                new KubernetesExecutor(
                    cluster.client,
                    new ClusterRunSettings(3_000, 30_000, 500, 500),
                    "meshbench:test",
                    Clock.systemUTC()),
                null,
                10)) {
      cluster.install(MeshType.LINKERD);
      JsonNode doc =
          api.runJob(
              "{\"mesh_type\":\"linkerd\",\"namespace\":\"bench\",\"duration\":1,\"warmup\":0,"
                  + "\"rate\":50,\"concurrent_connections\":1}",
              Duration.ofMinutes(2));

      assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("completed");
      assertThat(doc.at("/environment/java").asText()).isNotEmpty();
      assertThat(doc.get("environment").has("kubernetes_version")).isTrue();
      assertThat(doc.at("/cluster/mesh_verified").asBoolean()).isTrue();
      assertThat(doc.at("/result/requests").asLong()).isPositive();
      assertThat(doc.has("matrix")).isFalse();
      assertThat(cluster.leftovers()).isEmpty();
    }
  }
}
