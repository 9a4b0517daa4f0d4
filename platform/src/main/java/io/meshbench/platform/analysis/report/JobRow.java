package io.meshbench.platform.analysis.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job's key figures, the same in every report format: one CSV row, one HTML table row, one JSON
 * object. Result figures are null for a job without a result (pending, running, failed...). Latency
 * is corrected (from the intended send time) unless named service.
 *
 * @param rate requested requests per second; 0 is the closed model
 * @param durationS the measured duration, or the requested one when there is no result
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "job_id",
  "created_at",
  "status",
  "test_type",
  "mesh_type",
  "rate",
  "connections",
  "duration_s",
  "requests",
  "errors",
  "error_rate",
  "throughput_rps",
  "p50_ms",
  "p90_ms",
  "p99_ms",
  "p99_9_ms",
  "max_ms",
  "p99_service_ms",
  "rate_sustained",
  "loadgen_cpu_percent",
  "labels",
  "error"
})
public record JobRow(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("status") String status,
    @JsonProperty("test_type") String testType,
    @JsonProperty("mesh_type") String meshType,
    @JsonProperty("rate") Double rate,
    @JsonProperty("connections") Integer connections,
    @JsonProperty("duration_s") Double durationS,
    @JsonProperty("requests") Long requests,
    @JsonProperty("errors") Long errors,
    @JsonProperty("error_rate") Double errorRate,
    @JsonProperty("throughput_rps") Double throughputRps,
    @JsonProperty("p50_ms") Double p50Ms,
    @JsonProperty("p90_ms") Double p90Ms,
    @JsonProperty("p99_ms") Double p99Ms,
    @JsonProperty("p99_9_ms") Double p99_9Ms,
    @JsonProperty("max_ms") Double maxMs,
    @JsonProperty("p99_service_ms") Double p99ServiceMs,
    @JsonProperty("rate_sustained") Boolean rateSustained,
    @JsonProperty("loadgen_cpu_percent") Double loadgenCpuPercent,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("error") String error) {

  /** Column names, in CSV order. */
  public static final List<String> COLUMNS =
      List.of(JobRow.class.getAnnotation(JsonPropertyOrder.class).value());

  public static JobRow of(JobDocument job) {
    JobSpec spec = job.spec();
    RunResult r = job.result();
    boolean has = r != null;
    return new JobRow(
        job.jobId(),
        job.createdAt(),
        job.status() == null ? null : job.status().wireName(),
        spec == null || spec.testType() == null ? null : spec.testType().wireName(),
        spec == null || spec.meshType() == null ? null : spec.meshType().wireName(),
        spec == null ? null : spec.rate(),
        spec == null ? null : spec.concurrentConnections(),
        has ? (Double) r.durationS() : spec == null ? null : spec.duration(),
        has ? r.requests() : null,
        has ? r.errors() : null,
        has ? r.errorRate() : null,
        has ? Math.round(r.throughputRps() * 1000) / 1000.0 : null,
        has ? r.latencyMs().p50() : null,
        has ? r.latencyMs().p90() : null,
        has ? r.latencyMs().p99() : null,
        has ? r.latencyMs().p99_9() : null,
        has ? r.latencyMs().max() : null,
        has ? r.serviceTimeMs().p99() : null,
        has ? r.rateSustained() : null,
        has ? r.loadgenCpuPercent() : null,
        spec == null ? Map.of() : spec.labels(),
        job.error());
  }

  /** The values in {@link #COLUMNS} order; labels as a map, absent figures as null. */
  public List<Object> values() {
    return java.util.Arrays.asList(
        jobId,
        createdAt,
        status,
        testType,
        meshType,
        rate,
        connections,
        durationS,
        requests,
        errors,
        errorRate,
        throughputRps,
        p50Ms,
        p90Ms,
        p99Ms,
        p99_9Ms,
        maxMs,
        p99ServiceMs,
        rateSustained,
        loadgenCpuPercent,
        labels,
        error);
  }
}
