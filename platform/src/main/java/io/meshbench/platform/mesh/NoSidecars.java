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
  static final Map<String, String> POD_ANNOTATIONS =
      Map.of("linkerd.io/inject", "disabled", "consul.hashicorp.com/connect-inject", "false");

  private NoSidecars() {}

  /** One problem per pod that carries a sidecar proxy anyway. */
  static List<String> verify(String meshType, Side side, List<Pod> pods) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods) {
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
