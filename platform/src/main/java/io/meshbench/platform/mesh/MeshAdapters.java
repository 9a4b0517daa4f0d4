package io.meshbench.platform.mesh;

import io.meshbench.platform.job.MeshType;

/** The adapter of each {@code mesh_type}. */
public final class MeshAdapters {
  private MeshAdapters() {}

  public static MeshAdapter forType(MeshType type) {
    return switch (type) {
      case BASELINE -> new BaselineAdapter();
      case ISTIO -> SidecarAdapter.istio();
      case ISTIO_AMBIENT -> new AmbientAdapter();
      case LINKERD -> SidecarAdapter.linkerd();
      case CILIUM -> new CiliumAdapter(false);
      case CILIUM_L7 -> new CiliumAdapter(true);
      case CONSUL -> SidecarAdapter.consul();
    };
  }
}
