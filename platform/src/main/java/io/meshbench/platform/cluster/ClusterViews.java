package io.meshbench.platform.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** What the cluster routes answer: plain records, snake_case in JSON, units in names. */
public final class ClusterViews {
  private ClusterViews() {}

  /** One namespace. */
  public record NamespaceView(
      String name,
      String phase,
      Map<String, String> labels,
      @JsonProperty("created_at") String createdAt) {}

  /** CPU, memory and pod slots of a node. */
  public record NodeResources(
      @JsonProperty("cpu_millicores") long cpuMillicores,
      @JsonProperty("memory_mib") long memoryMib,
      long pods) {}

  /** One node: whether it is ready, what runs it, and what it holds. */
  public record NodeView(
      String name,
      boolean ready,
      List<String> roles,
      @JsonProperty("kubelet_version") String kubeletVersion,
      @JsonProperty("os_image") String osImage,
      @JsonProperty("container_runtime") String containerRuntime,
      String architecture,
      @JsonProperty("internal_ip") String internalIp,
      NodeResources capacity,
      NodeResources allocatable) {}

  /** One port of a service. */
  public record ServicePort(
      String name,
      int port,
      @JsonProperty("target_port") String targetPort,
      String protocol,
      @JsonProperty("node_port") Integer nodePort) {}

  /** One service of a namespace. */
  public record ServiceView(
      String name,
      String type,
      @JsonProperty("cluster_ip") String clusterIp,
      List<ServicePort> ports,
      Map<String, String> selector) {}

  /**
   * One container of a pod; sidecars declared as restartable init containers count as containers.
   *
   * @param proxy the mesh whose proxy this container is, or null for an application container
   */
  public record ContainerView(
      String name, String image, boolean ready, int restarts, String state, String proxy) {}

  /**
   * One pod of a namespace.
   *
   * @param proxies the meshes whose data plane handles this pod's traffic (sidecar or ambient)
   */
  public record PodView(
      String name,
      String phase,
      boolean ready,
      String node,
      String ip,
      int restarts,
      List<ContainerView> containers,
      List<String> proxies,
      @JsonProperty("created_at") String createdAt) {}

  /** One pod as the mesh sees it. */
  public record MeshPod(String name, boolean ready, List<String> proxies) {}

  /**
   * The mesh status of one namespace.
   *
   * @param configuredFor the meshes its labels and annotations enrol new pods in ({@code baseline}
   *     when injection is explicitly disabled for every sidecar mesh, empty when nothing is said)
   * @param ciliumNetworkPolicies names of its CiliumNetworkPolicies; null when Cilium's CRD is
   *     absent
   */
  public record MeshStatus(
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations,
      @JsonProperty("configured_for") List<String> configuredFor,
      @JsonProperty("pods_total") int podsTotal,
      @JsonProperty("pods_with_proxy") int podsWithProxy,
      @JsonProperty("proxies_by_mesh") Map<String, Integer> proxiesByMesh,
      @JsonProperty("cilium_network_policies") List<String> ciliumNetworkPolicies,
      List<MeshPod> pods) {}
}
