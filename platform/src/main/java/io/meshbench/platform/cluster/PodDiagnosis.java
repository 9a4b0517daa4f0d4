package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Why a pod cannot run, in the words Kubernetes uses (reason and message), and its events. */
public final class PodDiagnosis {
  /** Waiting reasons that never resolve by themselves. */
  private static final Set<String> FATAL_WAITING =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "ErrImageNeverPull",
          "CreateContainerConfigError",
          "CreateContainerError",
          "CrashLoopBackOff");

  private PodDiagnosis() {}

  /** A problem that will not go away by waiting, or null. */
  public static String fatal(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    Stream.of(pod.getStatus().getContainerStatuses(), pod.getStatus().getInitContainerStatuses())
        .filter(l -> l != null)
        .forEach(statuses::addAll);
    for (ContainerStatus s : statuses) {
      if (s.getState() != null
          && s.getState().getWaiting() != null
          && FATAL_WAITING.contains(s.getState().getWaiting().getReason())) {
        return "pod "
            + pod.getMetadata().getName()
            + " container "
            + s.getName()
            + ": "
            + s.getState().getWaiting().getReason()
            + (s.getState().getWaiting().getMessage() == null
                ? ""
                : " (" + s.getState().getWaiting().getMessage() + ")");
      }
    }
    return null;
  }

  /** The pod's last few events ("Warning FailedScheduling: 0/3 nodes are available..."). */
  public static String events(KubernetesClient client, String namespace, String podName) {
    try {
      List<Event> events =
          client.v1().events().inNamespace(namespace).list().getItems().stream()
              .filter(
                  e ->
                      e.getInvolvedObject() != null
                          && podName.equals(e.getInvolvedObject().getName()))
              .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
              .toList();
      if (events.isEmpty()) {
        return "no events";
      }
      return String.join(
          "; ",
          events.subList(Math.max(0, events.size() - 5), events.size()).stream()
              .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
              .toList());
    } catch (KubernetesClientException e) {
      return "events could not be read: " + e.getMessage();
    }
  }
}
