package io.meshbench.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.LinkedHashMap;
import java.util.Map;
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
    JsonNode body;
    try {
      body =
          ctx.body().isBlank()
              ? Json.mapper().createObjectNode()
              : Json.mapper().readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage(), null);
    }
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
    String format = body.path("format").asText("html");
    try {
      ResultFormats.forName(format);
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("format", e.getMessage());
    }
    Path file =
        reports.generate(
            format,
            Params.meshType(body.path("filter_mesh_type").asText(null), "filter_mesh_type"),
            Params.testType(body.path("filter_test_type").asText(null), "filter_test_type"),
            jobs.listSummaries(JobQuery.all()));
    String name = file.getFileName().toString();
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("name", name);
    reply.put("format", format);
    reply.put("size_bytes", Files.size(file));
    reply.put("download_url", "/reports/download/" + name);
    ctx.status(201).json(reply);
  }

  void list(Context ctx) {
    var all = reports.list();
    ctx.json(Map.of("reports", all, "count", all.size()));
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
}
