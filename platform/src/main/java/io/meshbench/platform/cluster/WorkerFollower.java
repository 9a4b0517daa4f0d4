package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshbench.engine.stats.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the worker protocol from the logs of a job's worker pods, one poll at a time: progress as
 * it comes, each worker's final result, and why a worker failed (its reason and last log lines).
 *
 * <p>Threading model: one thread calls {@link #poll}; the accessors are read from that thread.
 */
public final class WorkerFollower {
  /** Log lines of a failed worker quoted in the job's error. */
  private static final int LAST_LINES = 8;

  private final KubernetesClient client;
  private final String namespace;
  private final String jobId;
  private final int workers;
  private final Map<String, Integer> linesRead = new HashMap<>();
  private final Map<String, List<String>> tails = new HashMap<>();
  private final Map<String, WorkerProtocol.Progress> progress = new TreeMap<>();
  private final Map<String, RunResult> results = new TreeMap<>();
  private final Map<String, Pod> seen = new TreeMap<>();
  private String failure;

  public WorkerFollower(KubernetesClient client, String namespace, String jobId, int workers) {
    this.client = client;
    this.namespace = namespace;
    this.jobId = jobId;
    this.workers = workers;
  }

  /**
   * Reads pods and new log lines once.
   *
   * @param onNewPod called once for each worker pod that has appeared (for mesh verification)
   * @throws KubernetesClientException when the cluster cannot be read
   */
  public void poll(Consumer<Pod> onNewPod) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(ClusterLabels.selector(jobId, ClusterLabels.WORKER))
            .list()
            .getItems();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      if (seen.put(name, pod) == null) {
        onNewPod.accept(pod);
      }
      String fatal = PodDiagnosis.fatal(pod);
      if (fatal != null && failure == null) {
        failure = "a worker cannot start: " + fatal;
      }
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if ("Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase)) {
        readLog(name);
      }
      if ("Failed".equals(phase) && !results.containsKey(name) && failure == null) {
        failure = "worker pod " + name + " failed (" + exit(pod) + "); " + lastLines(name);
      }
    }
  }

  private void readLog(String pod) {
    String log = workerLog(pod);
    if (log == null) {
      return;
    }
    String[] lines = log.split("\n", -1);
    int complete = log.endsWith("\n") ? lines.length - 1 : lines.length - 1; // last may be partial
    int from = linesRead.getOrDefault(pod, 0);
    for (int i = from; i < complete; i++) {
      String line = lines[i];
      List<String> tail = tails.computeIfAbsent(pod, k -> new ArrayList<>());
      tail.add(line);
      if (tail.size() > LAST_LINES) {
        tail.remove(0);
      }
      WorkerProtocol.Line parsed;
      try {
        parsed = WorkerProtocol.parse(line);
      } catch (IllegalArgumentException e) {
        failure = "worker pod " + pod + " printed a broken protocol line: " + e.getMessage();
        continue;
      }
      if (parsed.progress() != null) {
        progress.put(pod, parsed.progress());
      } else if (parsed.result() != null) {
        results.put(pod, parsed.result());
      } else if (parsed.failure() != null && failure == null) {
        failure = "worker pod " + pod + " could not run: " + parsed.failure().error();
      }
    }
    linesRead.put(pod, Math.max(from, complete));
  }

  /**
   * The worker container's log so far, or null while there is none. Named: under a sidecar mesh the
   * pod has a proxy container too, and the API server then refuses a log request without one. A
   * plain GET: fabric8's {@code getLog()} first waits for the pod to be ready, with a list and a
   * watch of the pod on every poll, and this poll has already read the pod's phase.
   */
  private String workerLog(String pod) {
    try {
      return client.raw(
          "/api/v1/namespaces/"
              + namespace
              + "/pods/"
              + pod
              + "/log?container="
              + JobManifests.WORKER_CONTAINER);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 400) {
        return null; // the container has not started yet
      }
      throw e;
    }
  }

  private static String exit(Pod pod) {
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
        ContainerStateTerminated t = s.getState() == null ? null : s.getState().getTerminated();
        if (t != null && JobManifests.WORKER_CONTAINER.equals(s.getName())) {
          return "exit code "
              + t.getExitCode()
              + (t.getReason() == null ? "" : ", " + t.getReason());
        }
      }
    }
    String reason = pod.getStatus() == null ? null : pod.getStatus().getReason();
    return reason == null ? "no exit code reported" : reason;
  }

  private String lastLines(String pod) {
    List<String> tail = tails.getOrDefault(pod, List.of());
    return tail.isEmpty()
        ? "it printed nothing"
        : "its last log lines: " + String.join(" | ", tail);
  }

  /** Every worker has reported its result. */
  public boolean complete() {
    return results.size() >= workers;
  }

  /** Why the run cannot complete, or null. */
  public String failure() {
    return failure;
  }

  /** The results received so far, in pod-name order (which is the completion-index order). */
  public List<RunResult> results() {
    return new ArrayList<>(results.values());
  }

  public Map<String, WorkerProtocol.Progress> progress() {
    return Collections.unmodifiableMap(progress);
  }

  public List<Pod> pods() {
    return new ArrayList<>(seen.values());
  }
}
