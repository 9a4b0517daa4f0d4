package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Reading pods for the adapters' checks: their names and containers. */
final class ControlPlanes {
  private ControlPlanes() {}

  /** Names of every container of a pod, native sidecars (restartable init containers) included. */
  static List<String> containerNames(Pod pod) {
    PodSpec spec = pod.getSpec();
    List<String> names = new ArrayList<>();
    if (spec == null) {
      return names;
    }
    Stream.concat(
            spec.getContainers() == null ? Stream.empty() : spec.getContainers().stream(),
            spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream())
        .map(Container::getName)
        .filter(Objects::nonNull)
        .forEach(names::add);
    return names;
  }

  static String name(Pod pod) {
    return pod.getMetadata().getName();
  }
}
