package io.meshbench.platform.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which meshes a namespace's labels and annotations enrol new pods in — the markers each mesh's
 * injector (or istio-cni for ambient) reads. Cilium has no per-namespace marker: its agent handles
 * every pod of a node.
 */
final class NamespaceEnrolment {
  private NamespaceEnrolment() {}

  /**
   * The meshes the namespace enrols pods in, in {@code mesh_type} words; {@code [baseline]} when
   * none does and injection is explicitly disabled; empty when the namespace says nothing.
   */
  static List<String> meshes(Map<String, String> labels, Map<String, String> annotations) {
    List<String> meshes = new ArrayList<>();
    String istio = labels.get("istio-injection");
    String revision = labels.get("istio.io/rev");
    if ("enabled".equals(istio) || (revision != null && !revision.isBlank())) {
      meshes.add("istio");
    }
    if ("ambient".equals(labels.get("istio.io/dataplane-mode"))) {
      meshes.add("istio-ambient");
    }
    String linkerd = either(labels, annotations, "linkerd.io/inject");
    if ("enabled".equals(linkerd)) {
      meshes.add("linkerd");
    }
    String consul = either(labels, annotations, "consul.hashicorp.com/connect-inject");
    if ("true".equals(consul)) {
      meshes.add("consul");
    }
    boolean disabled =
        "disabled".equals(istio)
            || "none".equals(labels.get("istio.io/dataplane-mode"))
            || "disabled".equals(linkerd)
            || "false".equals(consul);
    return meshes.isEmpty() && disabled ? List.of("baseline") : List.copyOf(meshes);
  }

  private static String either(
      Map<String, String> labels, Map<String, String> annotations, String key) {
    String a = annotations.get(key);
    return a != null ? a : labels.get(key);
  }
}
