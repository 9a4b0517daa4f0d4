package io.meshbench.platform.api;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javalin.http.Context;
import io.meshbench.platform.cluster.ClusterConnection;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Version;
import io.meshbench.platform.mesh.MeshDetection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /health} and {@code /status}: the server, its jobs, its cluster and the meshes there. */
final class StatusController {
  private final JobService jobs;
  private final Clock clock;
  private final ClusterConnection cluster;

  StatusController(JobService jobs, Clock clock, ClusterConnection cluster) {
    this.jobs = jobs;
    this.clock = clock;
    this.cluster = cluster;
  }

  /**
   * 200 healthy, or 503 degraded with the reason: Docker's HEALTHCHECK and Kubernetes probes act on
   * the status code.
   */
  void health(Context ctx) {
    Optional<String> degraded = jobs.degradedReason();
    Replies.Health h =
        new Replies.Health(
            degraded.isPresent() ? "degraded" : "healthy",
            degraded.orElse(null),
            Version.current(),
            clock.instant(),
            cluster.connected(), // cached, bounded check
            jobs.activeJobs(),
            jobs.executorName(),
            jobs.storeKind(),
            jobs.replicaId());
    ctx.status(degraded.isPresent() ? 503 : 200).json(h);
  }

  void status(Context ctx) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (JobStatus s : JobStatus.values()) {
      byStatus.put(s.wireName(), jobs.count(s));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("jobs", byStatus);
    s.put("active_jobs", jobs.activeJobs());
    s.put("executor", jobs.executorName());
    s.put("store", jobs.storeKind());
    ClusterConnection.State state = cluster.state();
    s.put("cluster", state);
    s.put("meshes", state.connected() ? meshes() : Map.of());
    s.put("timestamp", clock.instant());
    ctx.json(s);
  }

  /** Each mesh's installation, or why it could not be read. */
  private Object meshes() {
    try {
      return new MeshDetection(cluster.client().orElseThrow()).detectAll();
    } catch (KubernetesClientException e) {
      return Map.of("detail", "mesh detection failed: " + e.getMessage());
    }
  }
}
