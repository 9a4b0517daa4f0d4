package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The job history per test type and mesh: how many completed jobs, the latest one's figures, the
 * median of the jobs' figures, and the overhead of each mesh against the baseline of the same test
 * type ({@code GET /metrics/summary}, reports).
 *
 * <p>Latency figures are each job's corrected latency (from the intended send time). The median is
 * a median of per-job figures (the median job's p99, say), not a percentile of the jobs' merged
 * histograms: it says what a typical run of that group measured.
 *
 * @param totalJobs every document given, whatever its status
 * @param groups ordered by test type, then baseline first, then mesh type (both in their
 *     declaration order)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"groups", "total_jobs", "generated_at"})
public record Summary(
    @JsonProperty("groups") List<Group> groups,
    @JsonProperty("total_jobs") int totalJobs,
    @JsonProperty("generated_at") Instant generatedAt) {

  public Summary {
    groups = List.copyOf(groups);
  }

  /**
   * One test type under one mesh.
   *
   * @param count completed jobs with a result in this group
   * @param overheadVsBaseline null for the baseline itself and when the test type has no baseline
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "test_type",
    "mesh_type",
    "count",
    "latest",
    "median",
    "overhead_vs_baseline"
  })
  public record Group(
      @JsonProperty("test_type") Protocol testType,
      @JsonProperty("mesh_type") MeshType meshType,
      @JsonProperty("count") int count,
      @JsonProperty("latest") Latest latest,
      @JsonProperty("median") MedianOfJobs median,
      @JsonProperty("overhead_vs_baseline") Overhead overheadVsBaseline) {}

  /** The newest completed job of the group (by created_at, then job id). */
  @JsonPropertyOrder({"job_id", "created_at", "p50_ms", "p99_ms", "throughput_rps"})
  public record Latest(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("throughput_rps") double throughputRps) {}

  /** Each figure is the median over the group's jobs of that job's figure. */
  @JsonPropertyOrder({"p50_ms", "p99_ms", "throughput_rps"})
  public record MedianOfJobs(
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("throughput_rps") double throughputRps) {}

  /**
   * The group's medians minus the baseline's medians; percentages are relative to the baseline and
   * null when the baseline figure is 0. Positive latency deltas and negative throughput deltas are
   * what a mesh costs.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"p50_ms", "p50_pct", "p99_ms", "p99_pct", "throughput_rps", "throughput_pct"})
  public record Overhead(
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p50_pct") Double p50Pct,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("p99_pct") Double p99Pct,
      @JsonProperty("throughput_rps") double throughputRps,
      @JsonProperty("throughput_pct") Double throughputPct) {

    static Overhead of(MedianOfJobs mesh, MedianOfJobs baseline) {
      return new Overhead(
          Stats.delta(mesh.p50Ms(), baseline.p50Ms()),
          Stats.percent(mesh.p50Ms(), baseline.p50Ms()),
          Stats.delta(mesh.p99Ms(), baseline.p99Ms()),
          Stats.percent(mesh.p99Ms(), baseline.p99Ms()),
          Stats.delta(mesh.throughputRps(), baseline.throughputRps()),
          Stats.percent(mesh.throughputRps(), baseline.throughputRps()));
    }
  }

  private record Key(Protocol testType, MeshType meshType) {}

  /** Baseline first whatever the enum order, then the meshes in declaration order. */
  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::testType)
          .thenComparing(k -> k.meshType() != MeshType.BASELINE)
          .thenComparing(Key::meshType);

  private static final Comparator<JobDocument> NEWEST_FIRST =
      Comparator.comparing(
              JobDocument::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(JobDocument::jobId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .reversed();

  /**
   * Summarises {@code jobs}; only completed jobs with a result count, the rest only add to {@code
   * total_jobs}.
   */
  public static Summary of(List<JobDocument> jobs, Instant generatedAt) {
    Map<Key, List<JobDocument>> byGroup = new TreeMap<>(ORDER);
    for (JobDocument job : jobs) {
      if (counts(job)) {
        Key key = new Key(job.spec().testType(), job.spec().meshType());
        byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(job);
      }
    }
    Map<Protocol, MedianOfJobs> baselines = new TreeMap<>();
    byGroup.forEach(
        (key, group) -> {
          if (key.meshType() == MeshType.BASELINE) {
            baselines.put(key.testType(), median(group));
          }
        });
    List<Group> groups = new ArrayList<>();
    byGroup.forEach(
        (key, group) -> {
          MedianOfJobs median = median(group);
          MedianOfJobs baseline = baselines.get(key.testType());
          Overhead overhead =
              baseline == null || key.meshType() == MeshType.BASELINE
                  ? null
                  : Overhead.of(median, baseline);
          groups.add(
              new Group(
                  key.testType(), key.meshType(), group.size(), latest(group), median, overhead));
        });
    return new Summary(groups, jobs.size(), generatedAt);
  }

  private static boolean counts(JobDocument job) {
    return job.status() == JobStatus.COMPLETED
        && job.result() != null
        && job.spec() != null
        && job.spec().testType() != null
        && job.spec().meshType() != null;
  }

  private static Latest latest(List<JobDocument> group) {
    JobDocument newest = group.stream().sorted(NEWEST_FIRST).findFirst().orElseThrow();
    RunResult r = newest.result();
    return new Latest(
        newest.jobId(),
        newest.createdAt(),
        r.latencyMs().p50(),
        r.latencyMs().p99(),
        Stats.round(r.throughputRps()));
  }

  private static MedianOfJobs median(List<JobDocument> group) {
    List<RunResult> results = group.stream().map(JobDocument::result).toList();
    return new MedianOfJobs(
        Stats.round(Stats.median(results.stream().map(r -> r.latencyMs().p50()).toList())),
        Stats.round(Stats.median(results.stream().map(r -> r.latencyMs().p99()).toList())),
        Stats.round(Stats.median(results.stream().map(RunResult::throughputRps).toList())));
  }

  /** The group of a test type and mesh, if it has any completed job. */
  public Optional<Group> group(Protocol testType, MeshType meshType) {
    return groups.stream()
        .filter(g -> g.testType() == testType && g.meshType() == meshType)
        .findFirst();
  }
}
