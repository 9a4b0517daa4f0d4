package io.meshbench.platform.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ClusterLabels;
import io.meshbench.platform.cluster.KubeletCluster;
import io.meshbench.platform.cluster.ResourceUsage;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole cluster flow against the mock API server, with worker pods run as real {@code meshbench
 * worker} processes against a real local target.
 */
class KubernetesExecutorTest {
  private KubeletCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new KubeletCluster();
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @ParameterizedTest
  @EnumSource(MeshType.class)
  void runsUnderEveryMeshMergesExactlyAndLeavesNothing(MeshType mesh) throws Exception {
    cluster.install(mesh);
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);

    JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(mesh, "bench", 2));

    assertThat(doc.status()).as(String.valueOf(doc.error())).isEqualTo(JobStatus.COMPLETED);
    assertThat(doc.executor()).isEqualTo("kubernetes");
    assertThat(doc.cluster().meshVerified()).isTrue();
    assertThat(doc.environment().meshVerified()).as("environment.mesh_verified").isTrue();
    assertThat(doc.cluster().mesh().installed()).isTrue();
    if (mesh != MeshType.BASELINE) {
      assertThat(doc.environment().meshVersion()).isNotBlank();
    }
    // Exact merging: the job's histogram is the sum of the workers' histograms.
    List<RunResult> parts = ClusterJobs.workerResults(cluster, doc, 2);
    assertThat(parts).hasSize(2);
    Histogram all = HistogramCodec.newHistogram();
    parts.forEach(p -> all.add(HistogramCodec.decode(p.histogram())));
    Histogram merged = HistogramCodec.decode(doc.result().histogram());
    assertThat(merged).isEqualTo(all);
    assertThat(doc.result().requests())
        .isEqualTo(parts.get(0).requests() + parts.get(1).requests());
    assertThat(doc.result().latencyMs().p99()).isEqualTo(all.getValueAtPercentile(99.0) / 1000.0);
    // Each worker had half the rate and its own seed.
    assertThat(doc.loadSpec().rateRps()).isEqualTo(100.0);
    // Resources: per container, app vs proxy, server vs client.
    ResourceUsage usage = doc.cluster().resources();
    assertThat(usage.available()).as(String.valueOf(usage.reason())).isTrue();
    assertThat(usage.cpuMillicores("app", "server")).isGreaterThan(0);
    assertThat(usage.cpuMillicores("app", "client")).isGreaterThan(0);
    boolean sidecars =
        mesh == MeshType.ISTIO || mesh == MeshType.LINKERD || mesh == MeshType.CONSUL;
    assertThat(usage.cpuMillicores("proxy", "server") > 0).isEqualTo(sidecars);
    assertThat(usage.cpuMillicores("proxy", "client") > 0).isEqualTo(sidecars);
    assertThat(cluster.proxyShutdowns.get()).isEqualTo(sidecars ? 2 : 0);
    assertThat(cluster.leftovers()).isEmpty();
  }

  @Test
  void withoutMetricsServerResourcesSayUnavailableNotZero() throws Exception {
    cluster.dispatcher.metricsServer = false;
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);

    JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(MeshType.BASELINE, "bench", 1));

    assertThat(doc.status()).as(String.valueOf(doc.error())).isEqualTo(JobStatus.COMPLETED);
    assertThat(doc.cluster().resources().available()).isFalse();
    assertThat(doc.cluster().resources().reason()).contains("metrics-server");
    assertThat(doc.cluster().resources().containers()).isEmpty();
  }

  @Test
  void anExistingNamespaceGetsItsLabelsBackAndStays() throws Exception {
    cluster.install(MeshType.ISTIO);
    cluster
        .admin()
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("team")
                .addToLabels("owner", "payments")
                .endMetadata()
                .build())
        .create();
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);

    JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(MeshType.ISTIO, "team", 1));

    assertThat(doc.status()).as(String.valueOf(doc.error())).isEqualTo(JobStatus.COMPLETED);
    var ns = cluster.admin().namespaces().withName("team").get();
    assertThat(ns).isNotNull();
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("owner", "payments")
        .doesNotContainKey("istio-injection")
        .doesNotContainKey(ClusterLabels.JOB_ID);
    assertThat(cluster.leftovers()).isEmpty();
  }
}
