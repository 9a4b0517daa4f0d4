package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding control planes and proxies: shared by the adapters. */
final class ControlPlanes {
  private ControlPlanes() {}

  /** The first Deployment in any namespace with these labels. */
  static Optional<Deployment> deployment(KubernetesClient client, Map<String, String> labels) {
    return client
        .apps()
        .deployments()
        .inAnyNamespace()
        .withLabels(labels)
        .list()
        .getItems()
        .stream()
        .findFirst();
  }

  /** The first DaemonSet in any namespace with these labels. */
  static Optional<DaemonSet> daemonSet(KubernetesClient client, Map<String, String> labels) {
    return client.apps().daemonSets().inAnyNamespace().withLabels(labels).list().getItems().stream()
        .findFirst();
  }

  static boolean ready(Deployment d) {
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return ready != null && ready > 0;
  }

  static boolean ready(DaemonSet d) {
    Integer ready = d.getStatus() == null ? null : d.getStatus().getNumberReady();
    return ready != null && ready > 0;
  }

  static String version(Deployment d) {
    return imageTag(d.getSpec().getTemplate().getSpec());
  }

  static String version(DaemonSet d) {
    return imageTag(d.getSpec().getTemplate().getSpec());
  }

  /** "docker.io/istio/pilot:1.24.0@sha256:…" → "1.24.0"; null when the image has no tag. */
  static String imageTag(PodSpec spec) {
    if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
      return null;
    }
    String image = spec.getContainers().get(0).getImage();
    if (image == null) {
      return null;
    }
    int digest = image.indexOf('@');
    String named = digest >= 0 ? image.substring(0, digest) : image;
    int colon = named.lastIndexOf(':');
    return colon > named.lastIndexOf('/') ? named.substring(colon + 1) : null;
  }

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
