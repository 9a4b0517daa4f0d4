package io.meshbench.platform.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubeletCluster;
import io.meshbench.platform.cluster.TestKubelet;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input and failure of the issue; in every case nothing is left in the cluster. */
class KubernetesFailureTest {
  private KubeletCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new KubeletCluster();
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void refusesBadNamespacesAndWorkerCountsBeforeQueueing() {
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);
    for (String ns : new String[] {"Bad_NS", "-x", "a".repeat(64), ""}) {
      assertThatThrownBy(() -> executor.check(ClusterJobs.spec(MeshType.BASELINE, ns, 1)))
          .isInstanceOfSatisfying(
              UnsupportedJobException.class, e -> assertThat(e.field()).isEqualTo("namespace"))
          .hasMessageContaining("namespace");
    }
    for (int workers : new int[] {0, 101}) {
      assertThatThrownBy(() -> executor.check(ClusterJobs.spec(MeshType.BASELINE, "ok", workers)))
          .isInstanceOfSatisfying(
              UnsupportedJobException.class, e -> assertThat(e.field()).isEqualTo("workers"))
          .hasMessageContaining("between 1 and 100");
    }
    assertThat(cluster.dispatcher.calls).isEmpty();
  }

  @Test
  void aMeshThatIsNotInstalledFailsEarlyNamingWhatIsMissing() throws Exception {
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);
    for (MeshType mesh : new MeshType[] {MeshType.ISTIO, MeshType.LINKERD, MeshType.CILIUM_L7}) {
      JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(mesh, "bench", 1));
      assertThat(doc.status()).isEqualTo(JobStatus.FAILED);
      assertThat(doc.error()).contains(mesh.wireName()).contains("not installed");
    }
    assertThat(cluster.admin().namespaces().withName("bench").get()).isNull();
    assertThat(cluster.leftovers()).isEmpty();
  }

  @Test
  void anImageThatCannotBePulledFailsWithThePodsReason() throws Exception {
    KubernetesExecutor executor =
        ClusterJobs.executor(cluster, TestKubelet.MISSING_IMAGE, ClusterJobs.FAST);
    JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(MeshType.BASELINE, "bench", 1));
    assertThat(doc.status()).isEqualTo(JobStatus.FAILED);
    assertThat(doc.error()).contains("ErrImagePull").contains("registry.invalid/meshbench:missing");
    assertThat(cluster.leftovers()).isEmpty();
  }

  @Test
  void aTargetThatNeverGetsReadyTimesOutWithItsEvents() throws Exception {
    KubernetesExecutor executor =
        ClusterJobs.executor(
            cluster, TestKubelet.NEVER_READY_IMAGE, new ClusterRunSettings(5_000, 2_000, 500, 500));
    JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(MeshType.BASELINE, "bench", 1));
    assertThat(doc.status()).isEqualTo(JobStatus.FAILED);
    assertThat(doc.error())
        .contains("did not become ready within 2 s")
        .contains("Readiness probe failed");
    assertThat(cluster.leftovers()).isEmpty();
  }

  @Test
  void aWorkerThatCrashesFailsTheJobWithItsLastLogLines() throws Exception {
    cluster.kubelet.crashWorkers = true;
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);
    JobDocument doc = ClusterJobs.run(executor, ClusterJobs.spec(MeshType.BASELINE, "bench", 2));
    assertThat(doc.status()).isEqualTo(JobStatus.FAILED);
    assertThat(doc.error()).contains("failed (exit code 1").contains("io.meshbench.NoSuchMain");
    assertThat(cluster.leftovers()).isEmpty();
  }

  @Test
  void aCancelledJobStopsItsPodsAndLeavesNothing() throws Exception {
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);
    JobSpec spec =
        new JobSpec(
            io.meshbench.engine.spec.Protocol.HTTP,
            MeshType.BASELINE,
            "bench",
            60,
            0.5,
            100,
            2,
            null,
            0,
            1,
            1,
            java.util.Map.of());
    executor.check(spec);
    JobExecutor.Execution execution = executor.prepare(ClusterJobs.running(spec));
    CompletableFuture<JobDocument> done =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return execution.run(RunListener.NONE);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    // Cancel once a worker pod exists: the run is under way in the cluster.
    while (cluster
        .admin()
        .pods()
        .inNamespace("bench")
        .withLabel("app.kubernetes.io/component", "worker")
        .list()
        .getItems()
        .isEmpty()) {
      assertThat(done).isNotDone();
      Thread.sleep(100);
    }
    execution.cancel();
    JobDocument doc = done.get(60, TimeUnit.SECONDS);
    assertThat(doc.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cluster.leftovers()).isEmpty();
  }

  @Test
  void aClusterThatGoesAwayFailsTheJobKeepsWhatWasMeasuredAndTheRestartCleansUp() throws Exception {
    // Worker 1 starts 6 s late, so worker 0 has reported when the API goes away.
    cluster.kubelet.delayWorkerOneMs = 6_000;
    KubernetesExecutor executor = ClusterJobs.executor(cluster, "meshbench:test", ClusterJobs.FAST);
    JobSpec spec = ClusterJobs.spec(MeshType.BASELINE, "bench", 2);
    executor.check(spec);
    JobDocument running = ClusterJobs.running(spec);
    JobExecutor.Execution execution = executor.prepare(running);
    CompletableFuture<JobDocument> done =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return execution.run(RunListener.NONE);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    String worker0 = "bench/mb-" + running.jobId() + "-workers-0";
    while (!cluster.kubelet.resultRead(worker0)) { // the coordinator has worker 0's result
      assertThat(done).isNotDone();
      Thread.sleep(100);
    }
    cluster.dispatcher.down = true;

    JobDocument doc = done.get(120, TimeUnit.SECONDS);

    assertThat(doc.status()).isEqualTo(JobStatus.FAILED);
    assertThat(doc.error()).contains("lost contact with the Kubernetes API");
    assertThat(doc.result()).isNotNull();
    assertThat(doc.result().requests()).isPositive();
    assertThat(cluster.leftovers()).isNotEmpty(); // the cluster was gone: nothing could be deleted
    // The server's next start removes what the dead job left.
    cluster.dispatcher.down = false;
    assertThat(executor.removeLeftovers(Set.of())).containsExactly(running.jobId());
    assertThat(cluster.leftovers()).isEmpty();
  }
}
