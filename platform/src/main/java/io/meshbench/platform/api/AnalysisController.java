package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.analysis.PercentileSpectrum;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.analysis.Trends;
import io.meshbench.platform.analysis.export.JobExport;
import io.meshbench.platform.analysis.export.JobExports;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.store.JobQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /metrics/summary}, {@code /benchmarks/compare}, {@code /benchmarks/trends}, {@code
 * /benchmarks/jobs/{id}/export} and a job's percentile spectrum: figures across jobs and jobs in
 * other formats.
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

  void trends(Context ctx) {
    Protocol testType = Params.testType(ctx.queryParam("test_type"), "test_type");
    MeshType meshType = Params.meshType(ctx.queryParam("mesh_type"), "mesh_type");
    if (testType == null) {
      throw ApiError.badField("test_type", "test_type is required: one of " + Protocol.allowed());
    }
    if (meshType == null) {
      throw ApiError.badField("mesh_type", "mesh_type is required: one of " + MeshType.allowed());
    }
    int limit = Params.limit(ctx.queryParam("limit"), 50);
    List<JobDocument> history =
        jobs.list(new JobQuery(JobStatus.COMPLETED, testType, meshType, 1000));
    ctx.json(Trends.of(testType, meshType, history, limit));
  }

  void export(Context ctx) throws IOException {
    String format = ctx.queryParam("format");
    JobExport export;
    try {
      export = JobExports.forName(format == null ? "" : format);
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("format", e.getMessage());
    }
    JobDocument job = jobs.get(ctx.pathParam("id"));
    if (job.matrix() == null) {
      BenchmarkController.requireResult(job, "its export");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      export.write(MatrixResult.unfold(List.of(job)), out);
    } catch (IllegalArgumentException e) {
      throw new ApiError(409, "not_exportable", e.getMessage(), null);
    }
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"" + job.jobId() + "." + export.fileExtension() + "\"");
    ctx.contentType(export.contentType()).result(out.toByteArray());
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
    BenchmarkController.requireResult(doc, "its spectrum");
    ctx.json(PercentileSpectrum.of(doc.jobId(), doc.result()));
  }
}
