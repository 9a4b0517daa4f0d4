package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which mesh data planes handle a pod, from what the meshes' injectors leave behind: a proxy
 * container (also as a restartable init container, Kubernetes' native sidecars) or, for Istio's
 * ambient mode, the redirection annotation that istio-cni sets once ztunnel captures the pod.
 */
public final class Proxies {
  /** Proxy container names each sidecar mesh injects, to the mesh's {@code mesh_type} name. */
  static final Map<String, String> SIDECARS =
      Map.of(
          "istio-proxy", "istio",
          "linkerd-proxy", "linkerd",
          "consul-dataplane", "consul",
          "envoy-sidecar", "consul"); // consul-k8s before 1.0

  static final String AMBIENT_ANNOTATION = "ambient.istio.io/redirection";

  private Proxies() {}

  /** The mesh of a proxy container name, or null for an application container. */
  public static String meshOf(String containerName) {
    return SIDECARS.get(containerName);
  }

  /** The meshes whose data plane handles the pod, in a stable order. */
  public static List<String> of(Pod pod) {
    Set<String> meshes = new LinkedHashSet<>();
    for (Container c : containers(pod)) {
      String mesh = meshOf(c.getName());
      if (mesh != null) {
        meshes.add(mesh);
      }
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations != null && "enabled".equals(annotations.get(AMBIENT_ANNOTATION))) {
      meshes.add("istio-ambient");
    }
    return List.copyOf(meshes);
  }

  /** The pod's long-running containers: regular ones and restartable (sidecar) init containers. */
  static List<Container> containers(Pod pod) {
    List<Container> all = new ArrayList<>();
    if (pod.getSpec() == null) {
      return all;
    }
    if (pod.getSpec().getInitContainers() != null) {
      for (Container c : pod.getSpec().getInitContainers()) {
        if ("Always".equals(c.getRestartPolicy())) {
          all.add(c);
        }
      }
    }
    if (pod.getSpec().getContainers() != null) {
      all.addAll(pod.getSpec().getContainers());
    }
    return all;
  }
}
