package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.List;
import java.util.Map;

/**
 * What one data plane needs from a benchmark and how to tell that it is really there: namespace
 * labels, pod annotations per side, extra objects, detection of the control plane, verification of
 * the pods, and the proxy shutdown a worker does at the end.
 */
public interface MeshAdapter {

  MeshType type();

  /**
   * Installed? Which version? Control plane ready? Reads the cluster, never writes. One finding for
   * every mesh, shared with {@code /kubernetes/meshes}: {@link MeshDetection}.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster cannot be read
   */
  default MeshStatus detect(KubernetesClient client) {
    return new MeshDetection(client).status(type());
  }

  /** Labels that put the benchmark's namespace under this mesh (or explicitly outside any). */
  Map<String, String> namespaceLabels(MeshStatus status);

  /** Annotations on the namespace (e.g. Linkerd's inject annotation). */
  default Map<String, String> namespaceAnnotations() {
    return Map.of();
  }

  /** Labels on one side's pod template (e.g. Istio's per-pod opt-out). */
  default Map<String, String> podLabels(Side side, SidecarMode mode) {
    return Map.of();
  }

  /** Annotations on one side's pod template (injection on or off for that side). */
  default Map<String, String> podAnnotations(Side side, SidecarMode mode) {
    return Map.of();
  }

  /**
   * Whether the worker pods need a Service of their own: Consul registers a pod with its proxy only
   * through a Service that selects it, and leaves an unregistered pod in its init container.
   */
  default boolean workersNeedService(SidecarMode mode) {
    return false;
  }

  /**
   * Objects the mesh needs beside the target (cilium-l7: its CiliumNetworkPolicy). They carry the
   * job's labels already.
   */
  default List<GenericKubernetesResource> extraObjects(
      String name,
      String namespace,
      Map<String, String> jobLabels,
      Map<String, String> targetSelector,
      List<Integer> targetPorts) {
    return List.of();
  }

  /**
   * Problems with pods of one side, in words a user can act on; empty when the mesh applies as it
   * should (a sidecar where one belongs and none elsewhere, the ambient redirection, the Cilium
   * agent and endpoint...).
   */
  List<String> verify(KubernetesClient client, Side side, SidecarMode mode, List<Pod> pods);

  /**
   * The URL a worker POSTs to at the end so that its sidecar exits and the Job completes; null when
   * the worker has no sidecar.
   */
  default String proxyShutdownUrl(SidecarMode mode) {
    return null;
  }
}
