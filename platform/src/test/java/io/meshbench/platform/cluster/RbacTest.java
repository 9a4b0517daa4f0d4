package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.executor.KubernetesExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/rbac.yaml grants exactly what the executor uses: the (verb, resource) pairs the
 * mock API server receives during the executor's flows must all be granted, and every grant must be
 * used by a flow (or by a /kubernetes/* route, listed below with its reason).
 */
class RbacTest {
  private static final Path RBAC = Path.of("..", "deploy", "kubernetes", "rbac.yaml");

  /** Grants for the /kubernetes/* routes, which the executor's flows do not exercise. */
  private static final Set<String> ROUTES_ONLY =
      Set.of(
          "list /nodes",
          // MeshDetection reads one DaemonSet by name (ztunnel, cilium) and the CRD of cilium-l7.
          "get apps/daemonsets",
          "get apiextensions.k8s.io/customresourcedefinitions");

  private static final ClusterRunSettings FAST = new ClusterRunSettings(3_000, 30_000, 500, 500);

  @Test
  void rbacGrantsExactlyWhatTheExecutorUses() throws Exception {
    Set<String> used;
    try (KubeletCluster cluster = new KubeletCluster()) {
      cluster.install(MeshType.CILIUM_L7);
      cluster.install(MeshType.ISTIO);
      KubernetesExecutor executor =
          new KubernetesExecutor(cluster.client, FAST, "meshbench:test", Clock.systemUTC());
      // A new namespace under cilium-l7: create, verify, run, sample, clean up.
      assertThat(run(executor, spec(MeshType.CILIUM_L7, "fresh")).status())
          .isEqualTo(JobStatus.COMPLETED);
      // An existing namespace gets labels and has them restored (patch).
      cluster
          .admin()
          .resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
          .create();
      assertThat(run(executor, spec(MeshType.ISTIO, "team")).status())
          .isEqualTo(JobStatus.COMPLETED);
      // A target that never gets ready: its events are read.
      KubernetesExecutor neverReady =
          new KubernetesExecutor(
              cluster.client, FAST, TestKubelet.NEVER_READY_IMAGE, Clock.systemUTC());
      assertThat(run(neverReady, spec(MeshType.BASELINE, "fresh")).error())
          .contains("Readiness probe failed");
      // Leftovers of a dead job at start-up.
      executor.removeLeftovers(Set.of());
      used = new TreeSet<>(cluster.dispatcher.calls);
    }

    Set<String> granted = granted();
    assertThat(granted).as("granted by rbac.yaml").containsAll(used);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    unused.removeAll(ROUTES_ONLY);
    assertThat(unused).as("granted but never used").isEmpty();
  }

  private static Set<String> granted() throws Exception {
    KubernetesSerialization serialization = new KubernetesSerialization();
    Set<String> granted = new TreeSet<>();
    for (String doc : Files.readString(RBAC).split("(?m)^---\\s*$")) {
      HasMetadata o = serialization.unmarshal(doc);
      if (o instanceof ClusterRole role) {
        for (PolicyRule rule : role.getRules()) {
          for (String verb : rule.getVerbs()) {
            for (String url : rule.getNonResourceURLs()) {
              granted.add(verb + " " + url);
            }
            for (String group : rule.getApiGroups()) {
              for (String resource : rule.getResources()) {
                granted.add(verb + " " + group + "/" + resource);
              }
            }
          }
        }
      }
    }
    return granted;
  }

  private static JobSpec spec(MeshType mesh, String namespace) {
    return new JobSpec(Protocol.HTTP, mesh, namespace, 2, 1, 100, 2, null, 0, 1, 1, Map.of());
  }

  private static JobDocument run(KubernetesExecutor executor, JobSpec spec)
      throws InterruptedException {
    executor.check(spec);
    JobDocument running =
        JobDocument.pending(
                new JobIds().next("http", spec.meshType().wireName()),
                spec,
                "kubernetes",
                Clock.systemUTC().instant(),
                JobEnvironment.local("nio"))
            .started(Clock.systemUTC().instant());
    return executor.prepare(running).run(RunListener.NONE);
  }
}
