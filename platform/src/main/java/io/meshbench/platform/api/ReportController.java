package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.meshbench.platform.analysis.report.ReportService;
import io.meshbench.platform.analysis.report.ResultFormat;
import io.meshbench.platform.analysis.report.ResultFormats;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.store.JobQuery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/** {@code /reports}: generate html, json or csv reports of the history, list and download them. */
final class ReportController {
  private static final Set<String> FIELDS =
      Set.of("format", "filter_mesh_type", "filter_test_type");

  private final JobService jobs;
  private final ReportService reports;

  ReportController(JobService jobs, ReportService reports) {
    this.jobs = jobs;
    this.reports = reports;
  }

  void generate(Context ctx) throws IOException {
    JsonNode body = JsonBodies.read(ctx, Json.mapper().createObjectNode());
    if (!body.isObject()) {
      throw new ApiError(400, "invalid_body", "the body must be a JSON object", null);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiError.badField(
            name,
            "unknown field '" + name + "'; allowed: format, filter_mesh_type, filter_test_type");
      }
    }
    String format = text(body, "format");
    format = format == null ? "html" : format;
    try {
      ResultFormats.forName(format);
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("format", e.getMessage());
    }
    Path file =
        reports.generate(
            format,
            Params.meshType(text(body, "filter_mesh_type"), "filter_mesh_type"),
            Params.testType(text(body, "filter_test_type"), "filter_test_type"),
            jobs.listSummaries(JobQuery.all()),
            summary -> jobs.find(summary.jobId()).orElse(summary));
    String name = file.getFileName().toString();
    ctx.status(201)
        .json(
            new Replies.ReportCreated(name, format, Files.size(file), "/reports/download/" + name));
  }

  void list(Context ctx) {
    var all = reports.list();
    ctx.json(new Replies.Reports(all, all.size()));
  }

  void download(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    if (!ReportService.isReportName(name)) {
      throw ApiError.badField("name", "'" + name + "' is not the name of a generated report");
    }
    Path file =
        reports
            .resolve(name)
            .orElseThrow(
                () -> new ApiError(404, "not_found", "no report named '" + name + "'", null));
    ResultFormat format = ReportService.formatOf(name).orElseThrow();
    ctx.contentType(format.contentType());
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    try (InputStream in = Files.newInputStream(file)) {
      ctx.result(in.readAllBytes());
    }
  }

  /** A string field, or null when absent; any other JSON type is an error that names the field. */
  private static String text(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.badField(
          name,
          name
              + " must be a string (got "
              + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    return v.asText();
  }
}
