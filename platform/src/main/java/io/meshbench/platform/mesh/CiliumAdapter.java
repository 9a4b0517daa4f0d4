package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cilium: eBPF on every node, no sidecars. {@code cilium} checks the agent on the pods' nodes and
 * their CiliumEndpoints; {@code cilium-l7} adds a CiliumNetworkPolicy with HTTP rules, so that the
 * target's traffic goes through Cilium's Envoy.
 */
final class CiliumAdapter implements MeshAdapter {
  static final String API_VERSION = "cilium.io/v2";
  static final String POLICY_KIND = "CiliumNetworkPolicy";
  static final String ENDPOINT_KIND = "CiliumEndpoint";
  static final Map<String, String> AGENT_LABELS = Map.of("k8s-app", "cilium");

  private final boolean l7;

  CiliumAdapter(boolean l7) {
    this.l7 = l7;
  }

  @Override
  public MeshType type() {
    return l7 ? MeshType.CILIUM_L7 : MeshType.CILIUM;
  }

  @Override
  public Map<String, String> namespaceLabels(MeshStatus status) {
    return NoSidecars.NAMESPACE_LABELS;
  }

  @Override
  public Map<String, String> namespaceAnnotations() {
    return NoSidecars.NAMESPACE_ANNOTATIONS;
  }

  @Override
  public Map<String, String> podLabels(Side side, SidecarMode mode) {
    return NoSidecars.NO_MESH_POD_LABELS;
  }

  @Override
  public Map<String, String> podAnnotations(Side side, SidecarMode mode) {
    return NoSidecars.POD_ANNOTATIONS;
  }

  @Override
  public List<GenericKubernetesResource> extraObjects(
      String name,
      String namespace,
      Map<String, String> jobLabels,
      Map<String, String> targetSelector,
      List<Integer> targetPorts) {
    if (!l7) {
      return List.of();
    }
    List<Map<String, Object>> toPorts = new ArrayList<>();
    for (int port : targetPorts) {
      Map<String, Object> portSpec = new LinkedHashMap<>();
      portSpec.put("port", Integer.toString(port));
      portSpec.put("protocol", "TCP");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("ports", List.of(portSpec));
      // One empty HTTP rule allows every request, but only through Cilium's Envoy.
      entry.put("rules", Map.of("http", List.of(Map.of())));
      toPorts.add(entry);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("endpointSelector", Map.of("matchLabels", targetSelector));
    Map<String, Object> ingress = new LinkedHashMap<>();
    ingress.put("fromEntities", List.of("cluster"));
    ingress.put("toPorts", toPorts);
    spec.put("ingress", List.of(ingress));
    return List.of(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind(POLICY_KIND)
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(jobLabels)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build());
  }

  @Override
  public List<String> verify(KubernetesClient client, Side side, SidecarMode mode, List<Pod> pods) {
    List<String> problems = new ArrayList<>(NoSidecars.verify(type().wireName(), side, pods, true));
    List<Pod> agents =
        client.pods().inAnyNamespace().withLabels(AGENT_LABELS).list().getItems().stream()
            .filter(a -> a.getStatus() != null && "Running".equals(a.getStatus().getPhase()))
            .toList();
    for (Pod pod : pods) {
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      boolean agentThere =
          agents.stream().anyMatch(a -> node != null && node.equals(a.getSpec().getNodeName()));
      if (!agentThere) {
        problems.add(
            side.wireName()
                + " pod "
                + ControlPlanes.name(pod)
                + " runs on node "
                + node
                + ", where no Cilium agent is running");
      }
      GenericKubernetesResource endpoint =
          client
              .genericKubernetesResources(CiliumResources.ENDPOINTS)
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(ControlPlanes.name(pod))
              .get();
      if (endpoint == null) {
        problems.add(
            side.wireName()
                + " pod "
                + ControlPlanes.name(pod)
                + " has no CiliumEndpoint: Cilium does not manage its networking");
      }
    }
    return problems;
  }
}
