package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object one job creates, in creation order: what {@code meshbench plan} prints and what the
 * executor applies.
 *
 * @param extras mesh-specific objects (cilium-l7's CiliumNetworkPolicy)
 * @param workerService a headless Service over the worker pods when the mesh needs one (Consul),
 *     else null
 */
public record ClusterObjects(
    Namespace namespace,
    List<GenericKubernetesResource> extras,
    Deployment target,
    Service service,
    Service workerService,
    Job workers) {

  public List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>();
    all.add(namespace);
    all.addAll(extras);
    all.add(target);
    all.add(service);
    if (workerService != null) {
      all.add(workerService);
    }
    all.add(workers);
    return all;
  }
}
