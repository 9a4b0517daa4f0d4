package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.store.JobQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /metrics}: Prometheus exposition, finished results and the per-mesh summary. */
final class MetricsController {
  private final JobService jobs;
  private final ServerMetrics metrics;

  MetricsController(JobService jobs, ServerMetrics metrics) {
    this.jobs = jobs;
    this.metrics = metrics;
  }

  void prometheus(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** Completed jobs' results with the spec they answer, newest first. */
  void results(Context ctx) {
    JobQuery q = Params.jobQuery(ctx, "test_type_filter", "mesh_type", 100);
    List<Map<String, Object>> rows =
        jobs.list(new JobQuery(JobStatus.COMPLETED, q.testType(), q.meshType(), q.limit())).stream()
            .filter(d -> d.result() != null)
            .map(MetricsController::row)
            .toList();
    ctx.json(Map.of("results", rows, "count", rows.size()));
  }

  private static Map<String, Object> row(JobDocument d) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("job_id", d.jobId());
    r.put("created_at", d.createdAt());
    r.put("spec", d.spec());
    r.put("result", d.result());
    return r;
  }
}
