package io.meshbench.platform.mesh;

import java.util.Set;

/**
 * The container names mesh injectors give their proxies: how verification recognises a sidecar and
 * how resource sampling tells proxy from app.
 */
public final class ProxyContainers {
  public static final String ISTIO = "istio-proxy";
  public static final String LINKERD = "linkerd-proxy";
  public static final String CONSUL = "consul-dataplane";
  public static final Set<String> ALL = Set.of(ISTIO, LINKERD, CONSUL, "envoy-sidecar");

  private ProxyContainers() {}

  public static boolean isProxy(String containerName) {
    return ALL.contains(containerName);
  }
}
