package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio ambient: no sidecars; the node's ztunnel carries the traffic of pods in a namespace
 * labelled {@code istio.io/dataplane-mode=ambient}. istio-cni marks each captured pod with {@code
 * ambient.istio.io/redirection: enabled}.
 */
final class AmbientAdapter implements MeshAdapter {
  static final String REDIRECTION = "ambient.istio.io/redirection";

  @Override
  public MeshType type() {
    return MeshType.ISTIO_AMBIENT;
  }

  @Override
  public Map<String, String> namespaceLabels(MeshStatus status) {
    return Map.of("istio.io/dataplane-mode", "ambient");
  }

  @Override
  public Map<String, String> podLabels(Side side, SidecarMode mode) {
    return NoSidecars.POD_LABELS;
  }

  @Override
  public List<String> verify(KubernetesClient client, Side side, SidecarMode mode, List<Pod> pods) {
    List<String> problems = new ArrayList<>(NoSidecars.verify("istio-ambient", side, pods, false));
    for (Pod pod : pods) {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      if (annotations == null || !"enabled".equals(annotations.get(REDIRECTION))) {
        problems.add(
            side.wireName()
                + " pod "
                + ControlPlanes.name(pod)
                + " is not captured by ztunnel (no "
                + REDIRECTION
                + ": enabled annotation): is istio-cni running on its node?");
      }
    }
    return problems;
  }
}
