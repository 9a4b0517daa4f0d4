package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several jobs side by side, each with its deltas against the first ({@code meshbench compare},
 * {@code GET /benchmarks/compare}). Latency is each job's corrected latency (from the intended send
 * time), read from its whole histogram.
 *
 * @param referenceJobId the first job, which the deltas are against
 * @param notes what makes the comparison less than like for like (different test types or loads, a
 *     rate not sustained, a saturated generator); empty when nothing does
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"reference_job_id", "jobs", "notes"})
public record Comparison(
    @JsonProperty("reference_job_id") String referenceJobId,
    @JsonProperty("jobs") List<Entry> jobs,
    @JsonProperty("notes") List<String> notes) {

  public static final int MIN_JOBS = 2;
  public static final int MAX_JOBS = 20;

  public Comparison {
    jobs = List.copyOf(jobs);
    notes = List.copyOf(notes);
  }

  /**
   * One job.
   *
   * @param problem why the job cannot be compared (it failed, was interrupted or cancelled, or has
   *     no result), with its error; null for a completed job. Such a job has no figures, deltas or
   *     overhead: a row of zeros would look like a measurement.
   * @param figures null when {@code problem} is set
   * @param deltaVsFirst null for the first job, which is the reference, and when either job has a
   *     problem
   * @param overhead the delta with 95 % confidence intervals across iterations; null like {@code
   *     deltaVsFirst}
   * @param iterations null unless the job has at least 2 iteration results
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "job_id",
    "status",
    "test_type",
    "mesh_type",
    "created_at",
    "labels",
    "problem",
    "figures",
    "delta_vs_first",
    "overhead",
    "iterations"
  })
  public record Entry(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("status") String status,
      @JsonProperty("test_type") Protocol testType,
      @JsonProperty("mesh_type") MeshType meshType,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("problem") String problem,
      @JsonProperty("figures") Figures figures,
      @JsonProperty("delta_vs_first") Delta deltaVsFirst,
      @JsonProperty("overhead") Overhead overhead,
      @JsonProperty("iterations") Iterations iterations) {}

  /** A job's own figures; {@code error_rate} is a 0–1 share. */
  @JsonPropertyOrder({
    "p50_ms",
    "p90_ms",
    "p99_ms",
    "p99_9_ms",
    "max_ms",
    "throughput_rps",
    "error_rate",
    "requests",
    "errors"
  })
  public record Figures(
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p90_ms") double p90Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("p99_9_ms") double p99_9Ms,
      @JsonProperty("max_ms") double maxMs,
      @JsonProperty("throughput_rps") double throughputRps,
      @JsonProperty("error_rate") double errorRate,
      @JsonProperty("requests") long requests,
      @JsonProperty("errors") long errors) {

    static Figures of(RunResult r) {
      LatencyStats l = r.latencyMs();
      return new Figures(
          l.p50(),
          l.p90(),
          l.p99(),
          l.p99_9(),
          l.max(),
          Stats.round(r.throughputRps()),
          r.errorRate(),
          r.requests(),
          r.errors());
    }
  }

  /**
   * This job's figures minus the first job's; {@code *_pct} relative to the first job's figure,
   * null when that is 0. {@code error_rate} is a difference of shares (0.01 = one percentage
   * point).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "p50_ms",
    "p50_pct",
    "p90_ms",
    "p90_pct",
    "p99_ms",
    "p99_pct",
    "p99_9_ms",
    "p99_9_pct",
    "max_ms",
    "max_pct",
    "throughput_rps",
    "throughput_pct",
    "error_rate",
    "error_rate_pct"
  })
  public record Delta(
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p50_pct") Double p50Pct,
      @JsonProperty("p90_ms") double p90Ms,
      @JsonProperty("p90_pct") Double p90Pct,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("p99_pct") Double p99Pct,
      @JsonProperty("p99_9_ms") double p99_9Ms,
      @JsonProperty("p99_9_pct") Double p99_9Pct,
      @JsonProperty("max_ms") double maxMs,
      @JsonProperty("max_pct") Double maxPct,
      @JsonProperty("throughput_rps") double throughputRps,
      @JsonProperty("throughput_pct") Double throughputPct,
      @JsonProperty("error_rate") double errorRate,
      @JsonProperty("error_rate_pct") Double errorRatePct) {

    static Delta of(Figures f, Figures ref) {
      return new Delta(
          Stats.delta(f.p50Ms(), ref.p50Ms()),
          Stats.percent(f.p50Ms(), ref.p50Ms()),
          Stats.delta(f.p90Ms(), ref.p90Ms()),
          Stats.percent(f.p90Ms(), ref.p90Ms()),
          Stats.delta(f.p99Ms(), ref.p99Ms()),
          Stats.percent(f.p99Ms(), ref.p99Ms()),
          Stats.delta(f.p99_9Ms(), ref.p99_9Ms()),
          Stats.percent(f.p99_9Ms(), ref.p99_9Ms()),
          Stats.delta(f.maxMs(), ref.maxMs()),
          Stats.percent(f.maxMs(), ref.maxMs()),
          Stats.delta(f.throughputRps(), ref.throughputRps()),
          Stats.percent(f.throughputRps(), ref.throughputRps()),
          // Shares are small: six decimals keep 0.0001 (0.01 %) visible.
          Math.round((f.errorRate() - ref.errorRate()) * 1e6) / 1e6,
          Stats.percent(f.errorRate(), ref.errorRate()));
    }
  }

  /** Means across a job's iterations with 95 % confidence intervals (Student t). */
  @JsonPropertyOrder({"count", "p99_ms", "throughput_rps"})
  public record Iterations(
      @JsonProperty("count") int count,
      @JsonProperty("p99_ms") ConfidenceInterval p99Ms,
      @JsonProperty("throughput_rps") ConfidenceInterval throughputRps) {

    /** Null for fewer than 2 iterations: one run says nothing about run-to-run spread. */
    static Iterations of(List<RunResult> runs) {
      if (runs.size() < 2) {
        return null;
      }
      return new Iterations(
          runs.size(),
          ConfidenceInterval.of95(runs.stream().map(r -> r.latencyMs().p99()).toList()),
          ConfidenceInterval.of95(runs.stream().map(RunResult::throughputRps).toList()));
    }
  }

  /**
   * Compares the jobs in the order given; a mesh matrix job stands for its meshes, one entry each
   * ({@link MatrixResult#meshJobs}). Jobs that did not complete stay in the comparison with their
   * {@code problem} and no figures; {@link #allComparable} tells callers whether to fail.
   *
   * @throws IllegalArgumentException (its message starts with "ids") for fewer than {@value
   *     #MIN_JOBS} or more than {@value #MAX_JOBS} jobs, a matrix's meshes counted
   */
  public static Comparison of(List<JobDocument> given) {
    List<JobDocument> jobs = MatrixResult.unfold(given);
    if (jobs.size() < MIN_JOBS || jobs.size() > MAX_JOBS) {
      throw new IllegalArgumentException(
          "ids must name between "
              + MIN_JOBS
              + " and "
              + MAX_JOBS
              + " jobs, each mesh of a mesh matrix counted (got "
              + jobs.size()
              + ")");
    }
    JobDocument first = jobs.get(0);
    boolean referenceOk = problem(first) == null;
    Figures reference = referenceOk ? Figures.of(first.result()) : null;
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      JobDocument job = jobs.get(i);
      String problem = problem(job);
      Figures figures = problem == null ? Figures.of(job.result()) : null;
      boolean compared = i > 0 && referenceOk && problem == null;
      entries.add(
          new Entry(
              job.jobId(),
              job.status() == null ? null : job.status().wireName(),
              job.spec() == null ? null : job.spec().testType(),
              job.spec() == null ? null : job.spec().meshType(),
              job.createdAt(),
              job.spec() == null ? Map.of() : job.spec().labels(),
              problem,
              figures,
              compared ? Delta.of(figures, reference) : null,
              compared ? Overhead.of(job.result(), runs(job), first.result(), runs(first)) : null,
              problem == null ? Iterations.of(job.iterations()) : null));
    }
    List<JobDocument> comparable = jobs.stream().filter(j -> problem(j) == null).toList();
    return new Comparison(
        first.jobId(), entries, comparable.isEmpty() ? List.of() : ComparisonNotes.of(comparable));
  }

  /** Whether every job completed with a result (a comparison of all of them is meaningful). */
  public boolean allComparable() {
    return jobs.stream().allMatch(e -> e.problem() == null);
  }

  /** A job's iteration results; a job of one run is its single result. */
  private static List<RunResult> runs(JobDocument job) {
    return job.iterations().isEmpty() ? List.of(job.result()) : job.iterations();
  }

  /** Why a job cannot be compared, or null. */
  static String problem(JobDocument job) {
    JobStatus status = job.status();
    if (status == JobStatus.COMPLETED && job.result() != null) {
      return null;
    }
    String state = status == null ? "unknown status" : status.wireName();
    if (job.result() == null && (status == JobStatus.COMPLETED)) {
      return "completed without a result";
    }
    return state + (job.error() == null ? "" : ": " + job.error());
  }
}
