package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.analysis.Regression;
import io.meshbench.platform.cluster.ClusterReport;
import io.meshbench.platform.search.SearchResult;
import java.time.Instant;
import java.util.List;

/**
 * One benchmark job: the single document that the CLI writes, the stores keep, the API serves, the
 * dashboard draws and the exporters convert (DESIGN §5).
 *
 * @param loadSpec the exact engine spec that ran (built-in target resolved), for reproduction
 * @param result the engine's figures; written as {@link #resultJson()}, with a cluster run's
 *     resources beside them
 * @param iterations results of repeated runs of the same spec, when iterations > 1
 * @param search the steps and answer of a search job; null for other jobs (and absent from JSON)
 * @param regression the verdict against the preceding runs of the same spec; null until a completed
 *     job has been checked (and absent from JSON)
 * @param cluster what a cluster run adds (mesh, its verification, per-container resources); null
 *     for local runs (and absent from JSON)
 * @param matrix a mesh matrix's per-mesh runs and comparison; null for other jobs (and absent from
 *     JSON)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "job_id",
  "status",
  "spec",
  "executor",
  "created_at",
  "started_at",
  "completed_at",
  "error",
  "environment",
  "load_spec",
  "result",
  "iterations",
  "search",
  "regression",
  "cluster",
  "matrix"
})
public record JobDocument(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("status") JobStatus status,
    @JsonProperty("spec") JobSpec spec,
    @JsonProperty("executor") String executor,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("completed_at") Instant completedAt,
    @JsonProperty("error") String error,
    @JsonProperty("environment") JobEnvironment environment,
    @JsonProperty("load_spec") LoadSpec loadSpec,
    RunResult result,
    @JsonProperty("iterations") List<RunResult> iterations,
    @JsonProperty("search") @JsonInclude(JsonInclude.Include.NON_NULL) SearchResult search,
    @JsonProperty("regression") @JsonInclude(JsonInclude.Include.NON_NULL) Regression regression,
    @JsonProperty("cluster") @JsonInclude(JsonInclude.Include.NON_NULL) ClusterReport cluster,
    @JsonProperty("matrix") @JsonInclude(JsonInclude.Include.NON_NULL) MatrixResult matrix) {

  public JobDocument {
    iterations = iterations == null ? List.of() : List.copyOf(iterations);
  }

  /** Reads a document; a cluster run's resources come from {@code result.resources}. */
  @JsonCreator
  static JobDocument read(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("status") JobStatus status,
      @JsonProperty("spec") JobSpec spec,
      @JsonProperty("executor") String executor,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("started_at") Instant startedAt,
      @JsonProperty("completed_at") Instant completedAt,
      @JsonProperty("error") String error,
      @JsonProperty("environment") JobEnvironment environment,
      @JsonProperty("load_spec") LoadSpec loadSpec,
      @JsonProperty("result") JobResult result,
      @JsonProperty("iterations") List<RunResult> iterations,
      @JsonProperty("search") SearchResult search,
      @JsonProperty("regression") Regression regression,
      @JsonProperty("cluster") ClusterReport cluster,
      @JsonProperty("matrix") MatrixResult matrix) {
    return new JobDocument(
        jobId,
        status,
        spec,
        executor,
        createdAt,
        startedAt,
        completedAt,
        error,
        environment,
        loadSpec,
        result == null ? null : result.run(),
        iterations,
        search,
        regression,
        JobResult.withResources(cluster, result),
        matrix);
  }

  /** {@link #result} as written: with the cluster's resources beside the engine's figures. */
  @JsonProperty("result")
  public JobResult resultJson() {
    return JobResult.of(result, cluster);
  }

  /** A document without search, regression verdict, cluster report or matrix. */
  public JobDocument(
      String jobId,
      JobStatus status,
      JobSpec spec,
      String executor,
      Instant createdAt,
      Instant startedAt,
      Instant completedAt,
      String error,
      JobEnvironment environment,
      LoadSpec loadSpec,
      RunResult result,
      List<RunResult> iterations) {
    this(
        jobId,
        status,
        spec,
        executor,
        createdAt,
        startedAt,
        completedAt,
        error,
        environment,
        loadSpec,
        result,
        iterations,
        null,
        null,
        null,
        null);
  }

  /** This document with a search's steps and answer. */
  public JobDocument withSearch(SearchResult searchResult) {
    return withParts(searchResult, regression, cluster, matrix);
  }

  /** This document with what a cluster run adds. */
  public JobDocument withCluster(ClusterReport report) {
    return withParts(search, regression, report, matrix);
  }

  /** This document with a mesh matrix's runs and comparison. */
  public JobDocument withMatrix(MatrixResult matrixResult) {
    return withParts(search, regression, cluster, matrixResult);
  }

  /** This document with its regression verdict. */
  public JobDocument withRegression(Regression verdict) {
    return withParts(search, verdict, cluster, matrix);
  }

  /** This document with these optional parts: the one place the withers above build a copy. */
  private JobDocument withParts(
      SearchResult searchPart,
      Regression regressionPart,
      ClusterReport clusterPart,
      MatrixResult matrixPart) {
    return new JobDocument(
        jobId,
        status,
        spec,
        executor,
        createdAt,
        startedAt,
        completedAt,
        error,
        environment,
        loadSpec,
        result,
        iterations,
        searchPart,
        regressionPart,
        clusterPart,
        matrixPart);
  }

  /** A new job, as submitted: pending, no result yet. */
  public static JobDocument pending(
      String jobId, JobSpec spec, String executor, Instant createdAt, JobEnvironment environment) {
    return new JobDocument(
        jobId,
        JobStatus.PENDING,
        spec,
        executor,
        createdAt,
        null,
        null,
        null,
        environment,
        null,
        null,
        List.of());
  }

  public JobDocument started(Instant at) {
    return new JobDocument(
        jobId,
        JobStatus.RUNNING,
        spec,
        executor,
        createdAt,
        at,
        null,
        null,
        environment,
        loadSpec,
        result,
        iterations,
        search,
        regression,
        cluster,
        matrix);
  }

  /** Ends the job with a final status (and an error message for anything but completed). */
  public JobDocument finished(JobStatus finalStatus, Instant at, String errorMessage) {
    if (!finalStatus.finished()) {
      throw new IllegalArgumentException(finalStatus + " is not a final status");
    }
    return new JobDocument(
        jobId,
        finalStatus,
        spec,
        executor,
        createdAt,
        startedAt,
        at,
        errorMessage,
        environment,
        loadSpec,
        result,
        iterations,
        search,
        regression,
        cluster,
        matrix);
  }

  public JobDocument withRun(
      JobEnvironment env, LoadSpec load, RunResult runResult, List<RunResult> runs) {
    return new JobDocument(
        jobId,
        status,
        spec,
        executor,
        createdAt,
        startedAt,
        completedAt,
        error,
        env,
        load,
        runResult,
        runs,
        search,
        regression,
        cluster,
        matrix);
  }
}
