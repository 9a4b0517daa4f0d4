package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what jobs created, found by their labels: one job's objects when it ends (however it
 * ends), and at start-up the leftovers of jobs that are no longer running.
 */
public final class ClusterCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCleanup.class);

  private final KubernetesClient client;

  public ClusterCleanup(KubernetesClient client) {
    this.client = client;
  }

  /** Deletes one job's workloads in its namespace (the namespace itself is the preparer's). */
  public List<String> deleteJob(String namespace, String jobId) {
    List<HasMetadata> found = new ArrayList<>();
    var labels = ClusterLabels.job(jobId);
    found.addAll(
        client.batch().v1().jobs().inNamespace(namespace).withLabels(labels).list().getItems());
    found.addAll(
        client.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems());
    found.addAll(client.services().inNamespace(namespace).withLabels(labels).list().getItems());
    found.addAll(client.pods().inNamespace(namespace).withLabels(labels).list().getItems());
    found.addAll(ciliumPolicies(namespace, labels));
    return delete(found);
  }

  /**
   * Deletes everything meshbench created for jobs that are not in {@code running}: workloads in any
   * namespace, and namespaces it created.
   *
   * @return the job ids whose leftovers were removed
   */
  public Set<String> deleteLeftovers(Set<String> running) {
    var managed = java.util.Map.of(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    Predicate<HasMetadata> dead =
        o -> {
          String id = o.getMetadata().getLabels().get(ClusterLabels.JOB_ID);
          return id != null && !running.contains(id);
        };
    List<HasMetadata> found = new ArrayList<>();
    found.addAll(client.batch().v1().jobs().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(
        client.apps().deployments().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(client.services().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(client.pods().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(ciliumPolicies(null, managed));
    found.addAll(client.namespaces().withLabels(managed).list().getItems());
    List<HasMetadata> leftovers = found.stream().filter(dead).toList();
    Set<String> jobs = new TreeSet<>();
    leftovers.forEach(o -> jobs.add(o.getMetadata().getLabels().get(ClusterLabels.JOB_ID)));
    delete(leftovers);
    return jobs;
  }

  private List<HasMetadata> ciliumPolicies(String namespace, java.util.Map<String, String> labels) {
    try {
      var policies =
          client.genericKubernetesResources(
              io.meshbench.platform.mesh.CiliumResources.NETWORK_POLICIES);
      var scoped = namespace == null ? policies.inAnyNamespace() : policies.inNamespace(namespace);
      return new ArrayList<>(scoped.withLabels(labels).list().getItems());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 403) {
        return List.of(); // no Cilium in this cluster (or not ours to see): nothing of ours there
      }
      throw e;
    }
  }

  private List<String> delete(List<HasMetadata> objects) {
    List<String> deleted = new ArrayList<>();
    for (HasMetadata o : objects) {
      String what =
          o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
      try {
        if (o instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource g) {
          client
              .genericKubernetesResources(
                  io.meshbench.platform.mesh.CiliumResources.NETWORK_POLICIES)
              .inNamespace(g.getMetadata().getNamespace())
              .withName(g.getMetadata().getName())
              .delete();
        } else {
          client.resource(o).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
        deleted.add(what);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          LOG.warn("could not delete {}: {}", what, e.getMessage());
        }
      }
    }
    return deleted;
  }
}
