package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Istio (sidecar), Linkerd and Consul: an injector webhook adds a proxy container to pods; the
 * sides that should go without one opt out per pod.
 */
final class SidecarAdapter implements MeshAdapter {
  private final MeshType type;
  private final Map<String, String> controlPlaneLabels;
  private final String proxyContainer;
  private final String shutdownUrl;
  private final String howToInstall;

  private SidecarAdapter(
      MeshType type,
      Map<String, String> controlPlaneLabels,
      String proxyContainer,
      String shutdownUrl,
      String howToInstall) {
    this.type = type;
    this.controlPlaneLabels = controlPlaneLabels;
    this.proxyContainer = proxyContainer;
    this.shutdownUrl = shutdownUrl;
    this.howToInstall = howToInstall;
  }

  static SidecarAdapter istio() {
    return new SidecarAdapter(
        MeshType.ISTIO,
        Map.of("app", "istiod"),
        ProxyContainers.ISTIO,
        "http://127.0.0.1:15020/quitquitquit",
        "install Istio, e.g. istioctl install --set profile=default -y");
  }

  static SidecarAdapter linkerd() {
    return new SidecarAdapter(
        MeshType.LINKERD,
        Map.of("linkerd.io/control-plane-component", "destination"),
        ProxyContainers.LINKERD,
        "http://127.0.0.1:4191/shutdown",
        "install Linkerd, e.g. linkerd install --crds | kubectl apply -f - &&"
            + " linkerd install | kubectl apply -f -");
  }

  static SidecarAdapter consul() {
    return new SidecarAdapter(
        MeshType.CONSUL,
        Map.of("app", "consul", "component", "connect-injector"),
        ProxyContainers.CONSUL,
        "http://127.0.0.1:20600/graceful_shutdown",
        "install Consul with connect injection, e.g. helm install consul hashicorp/consul"
            + " --set connectInject.enabled=true");
  }

  @Override
  public MeshType type() {
    return type;
  }

  @Override
  public MeshStatus detect(KubernetesClient client) {
    Optional<Deployment> found = ControlPlanes.deployment(client, controlPlaneLabels);
    if (found.isEmpty()) {
      return MeshStatus.missing(
          type,
          type
              + " is not installed: no Deployment labelled "
              + controlPlaneLabels
              + " in any namespace; "
              + howToInstall);
    }
    Deployment d = found.get();
    String version = ControlPlanes.version(d);
    if (!ControlPlanes.ready(d)) {
      return MeshStatus.notReady(
          type,
          version,
          type
              + " control plane "
              + d.getMetadata().getNamespace()
              + "/"
              + d.getMetadata().getName()
              + " has no ready replica");
    }
    MeshStatus status = MeshStatus.ready(type, version);
    if (type == MeshType.ISTIO && d.getMetadata().getLabels() != null) {
      String rev = d.getMetadata().getLabels().get("istio.io/rev");
      if (rev != null && !rev.equals("default")) {
        status = status.withRevision(rev);
      }
    }
    return status;
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
      case LINKERD -> Map.of("linkerd.io/inject", on ? "enabled" : "disabled");
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

  private static boolean wanted(Side side, SidecarMode mode) {
    return side == Side.SERVER ? mode.serverSide() : mode.clientSide();
  }
}
