package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio (sidecar), Linkerd and Consul: an injector webhook adds a proxy container to pods; the
 * sides that should go without one opt out per pod.
 */
final class SidecarAdapter implements MeshAdapter {
  private final MeshType type;
  private final String proxyContainer;
  private final String shutdownUrl;

  private SidecarAdapter(MeshType type, String proxyContainer, String shutdownUrl) {
    this.type = type;
    this.proxyContainer = proxyContainer;
    this.shutdownUrl = shutdownUrl;
  }

  static SidecarAdapter istio() {
    return new SidecarAdapter(
        MeshType.ISTIO, ProxyContainers.ISTIO, "http://127.0.0.1:15020/quitquitquit");
  }

  static SidecarAdapter linkerd() {
    return new SidecarAdapter(
        MeshType.LINKERD, ProxyContainers.LINKERD, "http://127.0.0.1:4191/shutdown");
  }

  static SidecarAdapter consul() {
    return new SidecarAdapter(
        MeshType.CONSUL, ProxyContainers.CONSUL, "http://127.0.0.1:20600/graceful_shutdown");
  }

  @Override
  public MeshType type() {
    return type;
  }

  @Override
  public Map<String, String> namespaceLabels(MeshStatus status) {
    return switch (type) {
      case ISTIO ->
          status != null && status.revision() != null
              ? Map.of("istio.io/rev", status.revision())
              : Map.of("istio-injection", "enabled");
      default -> Map.of();
    };
  }

  @Override
  public Map<String, String> namespaceAnnotations() {
    return type == MeshType.LINKERD ? Map.of("linkerd.io/inject", "enabled") : Map.of();
  }

  @Override
  public Map<String, String> podLabels(Side side, SidecarMode mode) {
    if (type != MeshType.ISTIO) {
      return Map.of();
    }
    return Map.of("sidecar.istio.io/inject", Boolean.toString(wanted(side, mode)));
  }

  @Override
  public Map<String, String> podAnnotations(Side side, SidecarMode mode) {
    boolean on = wanted(side, mode);
    return switch (type) {
      case ISTIO ->
          // The worker must not send before its proxy is up.
          on && side == Side.CLIENT
              ? Map.of("proxy.istio.io/config", "{\"holdApplicationUntilProxyStarts\":true}")
              : Map.of();
      case LINKERD ->
          // Linkerd 2.16+ serves the proxy's /shutdown, which ends a worker's pod, only when
          // asked to: without it the Job never completes.
          on && side == Side.CLIENT
              ? Map.of(
                  "linkerd.io/inject",
                  "enabled",
                  "config.linkerd.io/proxy-admin-shutdown",
                  "enabled")
              : Map.of("linkerd.io/inject", on ? "enabled" : "disabled");
      case CONSUL ->
          on && side == Side.CLIENT
              ? Map.of(
                  "consul.hashicorp.com/connect-inject", "true",
                  "consul.hashicorp.com/enable-sidecar-proxy-lifecycle", "true")
              : Map.of("consul.hashicorp.com/connect-inject", Boolean.toString(on));
      default -> Map.of();
    };
  }

  @Override
  public List<String> verify(KubernetesClient client, Side side, SidecarMode mode, List<Pod> pods) {
    boolean expected = wanted(side, mode);
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods) {
      boolean present = ControlPlanes.containerNames(pod).contains(proxyContainer);
      if (expected && !present) {
        problems.add(
            side.wireName()
                + " pod "
                + ControlPlanes.name(pod)
                + " has no "
                + proxyContainer
                + " container: "
                + type
                + " did not inject its proxy (is the injector webhook running, and does the"
                + " namespace allow injection?)");
      } else if (!expected && present) {
        problems.add(
            side.wireName()
                + " pod "
                + ControlPlanes.name(pod)
                + " has a "
                + proxyContainer
                + " container although sidecar_mode "
                + mode
                + " leaves that side without a proxy");
      }
    }
    return problems;
  }

  @Override
  public String proxyShutdownUrl(SidecarMode mode) {
    return mode.clientSide() ? shutdownUrl : null;
  }

  @Override
  public boolean workersNeedService(SidecarMode mode) {
    return type == MeshType.CONSUL && wanted(Side.CLIENT, mode);
  }

  private static boolean wanted(Side side, SidecarMode mode) {
    return side == Side.SERVER ? mode.serverSide() : mode.clientSide();
  }
}
