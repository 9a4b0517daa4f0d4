package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.List;
import java.util.Map;

/** No mesh: every injector is told no, and the pods are checked to have no proxy. */
final class BaselineAdapter implements MeshAdapter {
  @Override
  public MeshType type() {
    return MeshType.BASELINE;
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
  public List<String> verify(KubernetesClient client, Side side, SidecarMode mode, List<Pod> pods) {
    return NoSidecars.verify("baseline", side, pods, true);
  }
}
