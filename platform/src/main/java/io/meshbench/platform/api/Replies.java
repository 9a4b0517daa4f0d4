package io.meshbench.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.meshbench.platform.analysis.report.ReportInfo;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * The envelopes the API answers with, as records so that {@code /openapi.json} is generated from
 * the very types that are serialised ({@link JsonSchemas}).
 */
final class Replies {
  private Replies() {}

  /**
   * {@code POST /benchmarks/start}: queued, with its creation time.
   *
   * @param startedAt when the request was accepted, under the name the system this API replaces
   *     used (DESIGN §6), so its users' scripts keep reading it; the same instant as {@code
   *     created_at}. The job's own {@code started_at} is set when it leaves the queue.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Started(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("status") JobStatus status,
      @JsonProperty("message") String message,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("started_at") Instant startedAt) {}

  /** {@code GET /benchmarks/jobs}: summaries, or whole documents with {@code full=true}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record JobList(@JsonProperty("jobs") List<Object> jobs, @JsonProperty("count") int count) {}

  /** One row of {@code GET /metrics/results}; {@code result} is summarised unless full. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ResultRow(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("spec") JobSpec spec,
      @JsonProperty("result") Object result) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ResultList(
      @JsonProperty("results") List<ResultRow> results, @JsonProperty("count") int count) {}

  /**
   * {@code GET /health}: 200 healthy, or 503 degraded with the reason (probes act on the code).
   *
   * @param reason why the server is degraded; absent while healthy
   */
  record Health(
      @JsonProperty("status") String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("reason") String reason,
      @JsonProperty("version") String version,
      @JsonProperty("timestamp") Instant timestamp,
      @JsonProperty("kubernetes_connected") boolean kubernetesConnected,
      @JsonProperty("active_jobs") int activeJobs,
      @JsonProperty("executor") String executor,
      @JsonProperty("store") String store,
      @JsonProperty("replica") String replica) {}

  /** {@code DELETE /benchmarks/jobs/{id}}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Deleted(@JsonProperty("job_id") String jobId, @JsonProperty("deleted") boolean deleted) {}

  /** {@code POST /reports/generate}: the report written, and where to fetch it. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ReportCreated(
      @JsonProperty("name") String name,
      @JsonProperty("format") String format,
      @JsonProperty("size_bytes") long sizeBytes,
      @JsonProperty("download_url") String downloadUrl) {}

  /** {@code GET /reports/list}: generated reports, newest first. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Reports(
      @JsonProperty("reports") List<ReportInfo> reports, @JsonProperty("count") int count) {}
}
