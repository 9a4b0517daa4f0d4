package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.store.JobQuery;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** {@code /metrics/summary} and {@code /benchmarks/compare}: figures across jobs. */
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
}
