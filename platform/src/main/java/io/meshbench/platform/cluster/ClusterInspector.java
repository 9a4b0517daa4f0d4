package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshbench.platform.cluster.ClusterViews.ContainerView;
import io.meshbench.platform.cluster.ClusterViews.MeshPod;
import io.meshbench.platform.cluster.ClusterViews.MeshStatus;
import io.meshbench.platform.cluster.ClusterViews.NamespaceView;
import io.meshbench.platform.cluster.ClusterViews.NodeResources;
import io.meshbench.platform.cluster.ClusterViews.NodeView;
import io.meshbench.platform.cluster.ClusterViews.PodView;
import io.meshbench.platform.cluster.ClusterViews.ServicePort;
import io.meshbench.platform.cluster.ClusterViews.ServiceView;
import io.meshbench.platform.mesh.MeshDetection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a benchmark needs to know about a cluster: namespaces, nodes, the services and pods of
 * a namespace, and which mesh a namespace and its pods are in. Read-only; independent of the web
 * framework. Failures of the API server surface as fabric8's {@link KubernetesClientException}.
 */
public final class ClusterInspector {
  /** kubectl's copy of the applied object: large, and not status. */
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final KubernetesClient client;

  public ClusterInspector(KubernetesClient client) {
    this.client = client;
  }

  public List<NamespaceView> namespaces() {
    return sorted(client.namespaces().list().getItems()).stream()
        .map(
            n ->
                new NamespaceView(
                    n.getMetadata().getName(),
                    n.getStatus() == null ? null : n.getStatus().getPhase(),
                    orEmpty(n.getMetadata().getLabels()),
                    n.getMetadata().getCreationTimestamp()))
        .toList();
  }

  public boolean namespaceExists(String namespace) {
    return client.namespaces().withName(namespace).get() != null;
  }

  public List<NodeView> nodes() {
    return sorted(client.nodes().list().getItems()).stream().map(ClusterInspector::node).toList();
  }

  public List<ServiceView> services(String namespace) {
    return sorted(client.services().inNamespace(namespace).list().getItems()).stream()
        .map(ClusterInspector::service)
        .toList();
  }

  public List<PodView> pods(String namespace) {
    return sorted(client.pods().inNamespace(namespace).list().getItems()).stream()
        .map(ClusterInspector::pod)
        .toList();
  }

  /** The mesh status of an existing namespace ({@link #namespaceExists} first). */
  public MeshStatus meshStatus(String namespace) {
    Namespace ns = client.namespaces().withName(namespace).get();
    Map<String, String> labels = orEmpty(ns.getMetadata().getLabels());
    Map<String, String> annotations = new TreeMap<>(orEmpty(ns.getMetadata().getAnnotations()));
    annotations.remove(LAST_APPLIED);
    List<MeshPod> pods = new ArrayList<>();
    Map<String, Integer> byMesh = new TreeMap<>();
    int withProxy = 0;
    for (Pod p : sorted(client.pods().inNamespace(namespace).list().getItems())) {
      List<String> proxies = Proxies.of(p);
      proxies.forEach(m -> byMesh.merge(m, 1, Integer::sum));
      withProxy += proxies.isEmpty() ? 0 : 1;
      pods.add(new MeshPod(p.getMetadata().getName(), ready(p), proxies));
    }
    return new MeshStatus(
        namespace,
        labels,
        annotations,
        NamespaceEnrolment.meshes(labels, annotations),
        pods.size(),
        withProxy,
        byMesh,
        ciliumNetworkPolicies(namespace),
        pods);
  }

  /** Names of the namespace's CiliumNetworkPolicies, or null when Cilium's CRD is not installed. */
  private List<String> ciliumNetworkPolicies(String namespace) {
    if (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(MeshDetection.CILIUM_POLICY_CRD)
            .get()
        == null) {
      return null;
    }
    List<GenericKubernetesResource> items =
        client
            .genericKubernetesResources("cilium.io/v2", "CiliumNetworkPolicy")
            .inNamespace(namespace)
            .list()
            .getItems();
    return sorted(items).stream().map(r -> r.getMetadata().getName()).toList();
  }

  private static NodeView node(Node n) {
    boolean ready = false;
    String internalIp = null;
    if (n.getStatus() != null) {
      for (NodeCondition c : orEmpty(n.getStatus().getConditions())) {
        ready |= "Ready".equals(c.getType()) && "True".equals(c.getStatus());
      }
      for (NodeAddress a : orEmpty(n.getStatus().getAddresses())) {
        if ("InternalIP".equals(a.getType()) && internalIp == null) {
          internalIp = a.getAddress();
        }
      }
    }
    List<String> roles = new ArrayList<>();
    orEmpty(n.getMetadata().getLabels())
        .keySet()
        .forEach(
            k -> {
              if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
              }
            });
    roles.sort(Comparator.naturalOrder());
    var info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
    return new NodeView(
        n.getMetadata().getName(),
        ready,
        roles,
        info == null ? null : info.getKubeletVersion(),
        info == null ? null : info.getOsImage(),
        info == null ? null : info.getContainerRuntimeVersion(),
        info == null ? null : info.getArchitecture(),
        internalIp,
        resources(n.getStatus() == null ? null : n.getStatus().getCapacity()),
        resources(n.getStatus() == null ? null : n.getStatus().getAllocatable()));
  }

  private static NodeResources resources(Map<String, Quantity> q) {
    if (q == null) {
      return new NodeResources(0, 0, 0);
    }
    return new NodeResources(
        amount(q.get("cpu")).movePointRight(3).longValue(),
        amount(q.get("memory")).divide(BigDecimal.valueOf(1024 * 1024)).longValue(),
        amount(q.get("pods")).longValue());
  }

  private static BigDecimal amount(Quantity q) {
    return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
  }

  private static ServiceView service(Service s) {
    List<ServicePort> ports =
        orEmpty(s.getSpec().getPorts()).stream()
            .map(
                p ->
                    new ServicePort(
                        p.getName(),
                        p.getPort(),
                        targetPort(p.getTargetPort()),
                        p.getProtocol(),
                        p.getNodePort()))
            .toList();
    return new ServiceView(
        s.getMetadata().getName(),
        s.getSpec().getType(),
        s.getSpec().getClusterIP(),
        ports,
        orEmpty(s.getSpec().getSelector()));
  }

  /** A port number or a container port's name, as written in the Service. */
  private static String targetPort(IntOrString port) {
    if (port == null) {
      return null;
    }
    return port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
  }

  private static PodView pod(Pod p) {
    Map<String, ContainerStatus> statuses = new HashMap<>();
    if (p.getStatus() != null) {
      orEmpty(p.getStatus().getInitContainerStatuses()).forEach(s -> statuses.put(s.getName(), s));
      orEmpty(p.getStatus().getContainerStatuses()).forEach(s -> statuses.put(s.getName(), s));
    }
    List<ContainerView> containers = new ArrayList<>();
    int restarts = 0;
    for (Container c : Proxies.containers(p)) {
      ContainerStatus s = statuses.get(c.getName());
      int r = s == null || s.getRestartCount() == null ? 0 : s.getRestartCount();
      restarts += r;
      containers.add(
          new ContainerView(
              c.getName(),
              c.getImage(),
              s != null && Boolean.TRUE.equals(s.getReady()),
              r,
              state(s),
              Proxies.meshOf(c.getName())));
    }
    return new PodView(
        p.getMetadata().getName(),
        p.getStatus() == null ? null : p.getStatus().getPhase(),
        ready(p),
        p.getSpec() == null ? null : p.getSpec().getNodeName(),
        p.getStatus() == null ? null : p.getStatus().getPodIP(),
        restarts,
        containers,
        Proxies.of(p),
        p.getMetadata().getCreationTimestamp());
  }

  /** running, waiting: REASON, terminated: REASON, or unknown before the kubelet reports. */
  private static String state(ContainerStatus s) {
    if (s == null || s.getState() == null) {
      return "unknown";
    }
    if (s.getState().getRunning() != null) {
      return "running";
    }
    if (s.getState().getWaiting() != null) {
      return "waiting: " + s.getState().getWaiting().getReason();
    }
    if (s.getState().getTerminated() != null) {
      return "terminated: " + s.getState().getTerminated().getReason();
    }
    return "unknown";
  }

  /** The pod's Ready condition, as kubectl shows it. */
  static boolean ready(Pod p) {
    if (p.getStatus() == null) {
      return false;
    }
    return orEmpty(p.getStatus().getConditions()).stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static <T extends HasMetadata> List<T> sorted(List<T> items) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(Comparator.comparing(i -> i.getMetadata().getName()));
    return copy;
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : new TreeMap<>(m);
  }
}
