package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One test type under one mesh over time ({@code GET /benchmarks/trends}): each completed job's
 * corrected p50 and p99 and its throughput, oldest first, with its regression verdict.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"test_type", "mesh_type", "count", "regressions", "regression_test", "points"})
public record Trends(
    @JsonProperty("test_type") Protocol testType,
    @JsonProperty("mesh_type") MeshType meshType,
    @JsonProperty("count") int count,
    @JsonProperty("regressions") int regressions,
    @JsonProperty("regression_test") String regressionTest,
    @JsonProperty("points") List<Point> points) {

  /**
   * @param regression the job's verdict (regression, no_regression, insufficient_history), or null
   *     when it was never checked (jobs from before the check existed)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "job_id",
    "created_at",
    "p50_ms",
    "p99_ms",
    "throughput_rps",
    "rate",
    "regression"
  })
  public record Point(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("throughput_rps") double throughputRps,
      @JsonProperty("rate") double rate,
      @JsonProperty("regression") String regression) {}

  /** The trend of {@code jobs} (any; only completed ones of the pair count), oldest first. */
  public static Trends of(Protocol testType, MeshType meshType, List<JobDocument> jobs, int limit) {
    java.util.ArrayList<Point> points =
        jobs.stream()
            .filter(j -> j.status() == JobStatus.COMPLETED && j.result() != null)
            .filter(j -> j.spec() != null && j.spec().testType() == testType)
            .filter(j -> j.spec().meshType() == meshType && j.spec().search() == null)
            .sorted(
                Comparator.comparing(
                        JobDocument::createdAt,
                        Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                    .thenComparing(JobDocument::jobId)
                    .reversed())
            .limit(limit)
            .map(
                j ->
                    new Point(
                        j.jobId(),
                        j.createdAt(),
                        j.result().latencyMs().p50(),
                        j.result().latencyMs().p99(),
                        Stats.round(j.result().throughputRps()),
                        j.spec().rate(),
                        j.regression() == null ? null : j.regression().verdict()))
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    java.util.Collections.reverse(points); // newest were taken; oldest first is read
    int regressions =
        (int) points.stream().filter(p -> Regression.REGRESSION.equals(p.regression())).count();
    return new Trends(testType, meshType, points.size(), regressions, RegressionCheck.TEST, points);
  }
}
