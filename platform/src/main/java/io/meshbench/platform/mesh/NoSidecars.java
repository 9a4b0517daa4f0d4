package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Explicit opt-outs of every sidecar injector, for meshes without sidecars (baseline, ambient,
 * Cilium): a namespace-wide injection default must not sneak a proxy into a sidecar-less run.
 */
final class NoSidecars {
  static final Map<String, String> NAMESPACE_LABELS = Map.of("istio-injection", "disabled");
  static final Map<String, String> NAMESPACE_ANNOTATIONS = Map.of("linkerd.io/inject", "disabled");
  static final Map<String, String> POD_LABELS = Map.of("sidecar.istio.io/inject", "false");

  /**
   * For runs under no mesh at all (baseline, Cilium): also out of Istio's ambient data plane, which
   * a namespace labelled for it would otherwise route through ztunnel, unseen, with no container to
   * give it away.
   */
  static final Map<String, String> NO_MESH_POD_LABELS =
      Map.of("sidecar.istio.io/inject", "false", "istio.io/dataplane-mode", "none");

  /** The annotation istio-cni puts on a pod whose traffic it redirects to ztunnel. */
  static final String AMBIENT_REDIRECTION = "ambient.istio.io/redirection";

  static final Map<String, String> POD_ANNOTATIONS =
      Map.of("linkerd.io/inject", "disabled", "consul.hashicorp.com/connect-inject", "false");

  private NoSidecars() {}

  /**
   * One problem per pod that carries a sidecar proxy anyway, or (outsideAmbient) whose traffic
   * Istio's ambient mode redirects.
   */
  static List<String> verify(String meshType, Side side, List<Pod> pods, boolean outsideAmbient) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods) {
      Map<String, String> annotations =
          pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
      if (outsideAmbient
          && annotations != null
          && "enabled".equals(annotations.get(AMBIENT_REDIRECTION))) {
        problems.add(
            side.wireName()
                + " pod "
                + ControlPlanes.name(pod)
                + " is redirected through Istio's ambient data plane although mesh_type "
                + meshType
                + " runs under no mesh");
      }
      for (String c : ControlPlanes.containerNames(pod)) {
        if (ProxyContainers.isProxy(c)) {
          problems.add(
              side.wireName()
                  + " pod "
                  + ControlPlanes.name(pod)
                  + " has a sidecar proxy ("
                  + c
                  + ") although mesh_type "
                  + meshType
                  + " runs without sidecars");
        }
      }
    }
    return problems;
  }
}
