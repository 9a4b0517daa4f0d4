package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waits for the target Deployment to be available, failing early on what waiting cannot fix. */
public final class TargetReadiness {
  private TargetReadiness() {}

  /**
   * Returns the target's pods once the Deployment has an available replica.
   *
   * @param cancelled checked every poll
   * @throws ClusterRunException with the pod's reason (image pull...) or, on timeout, its events
   */
  public static List<Pod> await(
      KubernetesClient client,
      String namespace,
      String deployment,
      String jobId,
      long timeoutMs,
      long pollMs,
      BooleanSupplier cancelled)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    var selector = ClusterLabels.selector(jobId, ClusterLabels.TARGET);
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new ClusterRunException("cancelled");
      }
      List<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
      for (Pod p : pods) {
        String fatal = PodDiagnosis.fatal(p);
        if (fatal != null) {
          throw new ClusterRunException("the target cannot start: " + fatal);
        }
      }
      Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
      Integer available =
          d == null || d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
      if (available != null && available > 0 && !pods.isEmpty()) {
        return pods;
      }
      if (System.nanoTime() > deadline) {
        String why =
            pods.isEmpty()
                ? "no target pod was created (events of the Deployment's ReplicaSet may say why)"
                : pods.stream()
                    .map(
                        p ->
                            p.getMetadata().getName()
                                + ": "
                                + PodDiagnosis.events(client, namespace, p.getMetadata().getName()))
                    .reduce((a, b) -> a + " | " + b)
                    .orElse("");
        throw new ClusterRunException(
            "the target did not become ready within "
                + timeoutMs / 1000
                + " s (MESHBENCH_READY_TIMEOUT_S): "
                + why);
      }
      Thread.sleep(pollMs);
    }
  }
}
