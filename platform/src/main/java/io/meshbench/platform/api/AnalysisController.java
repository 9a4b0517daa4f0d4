package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.analysis.PercentileSpectrum;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.store.JobQuery;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /metrics/summary}, {@code /benchmarks/compare} and a job's percentile spectrum: figures
 * read from the job history.
 */
final class AnalysisController {
  private final JobService jobs;
  private final Clock clock;

  AnalysisController(JobService jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  void summary(Context ctx) {
    JobQuery q =
        new JobQuery(
            null,
            Params.testType(ctx.queryParam("test_type"), "test_type"),
            null,
            JobQuery.MAX_LIMIT);
    MeshType mesh = Params.meshType(ctx.queryParam("mesh_type"), "mesh_type");
    // Every mesh is summarised, so that a mesh's overhead is still against its baseline; the
    // filter then keeps that mesh's groups.
    Summary all = Summary.of(jobs.listSummaries(q), clock.instant());
    ctx.json(
        mesh == null
            ? all
            : new Summary(
                all.groups().stream().filter(g -> g.meshType() == mesh).toList(),
                all.totalJobs(),
                all.generatedAt()));
  }

  void compare(Context ctx) {
    String ids = ctx.queryParam("ids");
    if (ids == null || ids.isBlank()) {
      throw ApiError.badField(
          "ids", "ids must list 2 to " + Comparison.MAX_JOBS + " job ids, comma-separated");
    }
    List<JobDocument> docs =
        Arrays.stream(ids.split(","))
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .map(jobs::get)
            .toList();
    try {
      ctx.json(Comparison.of(docs));
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("ids", e.getMessage());
    }
  }

  /** The percentile spectrum of a finished job, drawn by the dashboard (log10(1/(1-p)) axis). */
  void spectrum(Context ctx) {
    JobDocument doc = jobs.get(ctx.pathParam("id"));
    if (doc.result() == null) {
      throw new ApiError(
          409,
          "no_result",
          "job "
              + doc.jobId()
              + " is "
              + doc.status().wireName()
              + " and has no result yet; its spectrum comes with the result",
          null);
    }
    ctx.json(PercentileSpectrum.of(doc.jobId(), doc.result()));
  }
}
