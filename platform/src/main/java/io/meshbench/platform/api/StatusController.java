package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Version;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /health}, {@code /status} and the cluster routes (503 until a cluster is wired). */
final class StatusController {
  static final String NO_CLUSTER =
      "no Kubernetes cluster is configured for this server: it runs jobs with the local executor."
          + " Cluster and mesh routes need MESHBENCH_EXECUTOR=kubernetes and a kubeconfig"
          + " (KUBECONFIG or ~/.kube/config) or an in-cluster service account.";

  private final JobService jobs;
  private final Clock clock;

  StatusController(JobService jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /**
   * 200 healthy, or 503 degraded with the reason: Docker's HEALTHCHECK and Kubernetes probes act on
   * the status code.
   */
  void health(Context ctx) {
    Optional<String> degraded = jobs.degradedReason();
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("status", degraded.isPresent() ? "degraded" : "healthy");
    degraded.ifPresent(reason -> h.put("reason", reason));
    h.put("version", Version.current());
    h.put("timestamp", clock.instant());
    h.put("kubernetes_connected", false);
    h.put("active_jobs", jobs.activeJobs());
    h.put("executor", jobs.executorName());
    h.put("store", jobs.storeKind());
    h.put("replica", jobs.replicaId());
    ctx.status(degraded.isPresent() ? 503 : 200).json(h);
  }

  void status(Context ctx) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (JobStatus s : JobStatus.values()) {
      byStatus.put(s.wireName(), jobs.count(s));
    }
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("connected", false);
    cluster.put("detail", NO_CLUSTER);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("jobs", byStatus);
    s.put("active_jobs", jobs.activeJobs());
    s.put("executor", jobs.executorName());
    s.put("store", jobs.storeKind());
    s.put("cluster", cluster);
    s.put("meshes", Map.of());
    s.put("timestamp", clock.instant());
    ctx.json(s);
  }

  void kubernetes(Context ctx) {
    throw new ApiError(503, "kubernetes_unavailable", NO_CLUSTER, null);
  }
}
