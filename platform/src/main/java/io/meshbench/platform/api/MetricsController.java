package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.store.JobQuery;
import java.util.List;

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

  /** Completed jobs' results with the spec they answer, newest first; summaries unless full. */
  void results(Context ctx) {
    JobQuery q = Params.jobQuery(ctx, 100);
    boolean full = Params.full(ctx);
    JobQuery completed = new JobQuery(JobStatus.COMPLETED, q.testType(), q.meshType(), q.limit());
    List<Replies.ResultRow> rows =
        (full ? jobs.list(completed) : jobs.listSummaries(completed))
            .stream().filter(d -> d.result() != null).map(d -> row(d, full)).toList();
    ctx.json(new Replies.ResultList(rows, rows.size()));
  }

  private static Replies.ResultRow row(JobDocument d, boolean full) {
    return new Replies.ResultRow(
        d.jobId(),
        d.createdAt(),
        d.spec(),
        full ? d.resultJson() : Listings.summary(d).get("result"));
  }
}
