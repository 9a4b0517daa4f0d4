package io.meshbench.platform.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Job documents with chosen figures, for analysis, report and compare tests. */
public final class AnalysisFixtures {
  public static final double DURATION_S = 10;

  private AnalysisFixtures() {}

  /** Corrected latency with the given percentiles; the rest follows from them. */
  public static LatencyStats latency(double p50, double p90, double p99, double p99_9, double max) {
    return new LatencyStats(
        p50 / 10,
        p50 * 1.1,
        p50 / 2,
        p50,
        (p50 + p90) / 2,
        p90,
        (p90 + p99) / 2,
        p99,
        p99_9,
        max,
        max);
  }

  /** A result with p90 between p50 and p99, no errors. */
  public static RunResult result(double p50Ms, double p99Ms, double throughputRps) {
    return result(
        latency(p50Ms, (p50Ms + p99Ms) / 2, p99Ms, p99Ms * 2, p99Ms * 4), throughputRps, 0);
  }

  /** A 10-second result with this latency, throughput and error count. */
  public static RunResult result(LatencyStats latencyMs, double throughputRps, long errors) {
    long successes = Math.round(throughputRps * DURATION_S);
    long requests = successes + errors;
    return new RunResult(
        requests,
        errors,
        errors == 0 ? Map.of() : Map.of("status_5xx", errors),
        Map.of("200", successes),
        requests,
        requests,
        0.5,
        true,
        0,
        requests / DURATION_S,
        DURATION_S,
        throughputRps,
        requests * 100,
        successes * 200,
        8,
        8,
        latencyMs,
        serviceTime(latencyMs),
        null,
        null,
        LatencyStats.EMPTY,
        null,
        List.of(),
        25.0,
        false,
        null,
        null,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /**
   * A run that fell behind: 1050 scheduled, 1000 sent, 50 never sent (the oldest 812.5 ms overdue),
   * connections held up to 800 ms, the generator's own lateness p99 2.5 ms (max 4.25), a saturated
   * generator.
   */
  public static RunResult overloaded(RunResult r) {
    return with(
        r,
        Map.of(
            "scheduled",
            1050,
            "sent",
            1000,
            "unsent",
            50,
            "unsent_lag_ms",
            812.5,
            "max_lag_ms",
            812.5,
            "rate_sustained",
            false,
            "connection_wait_max_ms",
            800.0,
            "loadgen_lag_p99_ms",
            2.5,
            "loadgen_lag_max_ms",
            4.25,
            "loadgen_saturated",
            true));
  }

  /** {@code r} with the given fields, by their JSON names. */
  public static RunResult with(RunResult r, Map<String, Object> fields) {
    ObjectNode json = Json.mapper().valueToTree(r);
    fields.forEach((k, v) -> json.set(k, Json.mapper().valueToTree(v)));
    try {
      return Json.mapper().treeToValue(json, RunResult.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Service time: 80 % of the corrected latency, rounded to microseconds as real results are. */
  private static LatencyStats serviceTime(LatencyStats l) {
    return new LatencyStats(
        us(l.min()),
        us(l.mean() * 0.8),
        us(l.stdev()),
        us(l.p50() * 0.8),
        us(l.p75() * 0.8),
        us(l.p90() * 0.8),
        us(l.p95() * 0.8),
        us(l.p99() * 0.8),
        us(l.p99_9() * 0.8),
        us(l.p99_99() * 0.8),
        us(l.max() * 0.8));
  }

  private static double us(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  /**
   * A completed mesh matrix job of one iteration, as {@code run --mesh-type baseline,linkerd}
   * writes it: baseline at p99 10 ms and 1000 rps, linkerd at p99 11 ms and 990 rps.
   */
  public static JobDocument matrixJob(String jobId) {
    RunResult baseline = result(latency(2.0, 4.0, 10.0, 20.0, 50.0), 1000, 0);
    RunResult linkerd = result(latency(2.5, 4.5, 11.0, 21.0, 51.0), 990, 0);
    List<MatrixResult.MeshRun> runs =
        List.of(
            new MatrixResult.MeshRun(
                MeshType.BASELINE, "completed", null, baseline, List.of(), null),
            new MatrixResult.MeshRun(
                MeshType.LINKERD, "completed", null, linkerd, List.of(), null));
    return job(jobId)
        .build()
        .withMatrix(
            new MatrixResult(
                MatrixReport.of(runs, 1), List.of("baseline 1/1", "linkerd 1/1"), runs));
  }

  public static Builder job(String jobId) {
    return new Builder(jobId);
  }

  /** A completed http baseline job created at 2026-01-01T00:00:00Z unless told otherwise. */
  public static final class Builder {
    private final String jobId;
    private Protocol testType = Protocol.HTTP;
    private MeshType meshType = MeshType.BASELINE;
    private Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");
    private JobStatus status = JobStatus.COMPLETED;
    private RunResult result = AnalysisFixtures.result(1, 5, 1000);
    private List<RunResult> iterations = List.of();
    private Map<String, String> labels = Map.of();
    private double rateRps = 1000;
    private double warmupS = 1;
    private LoadSpec loadSpec;
    private String error;

    private Builder(String jobId) {
      this.jobId = jobId;
    }

    public Builder test(Protocol p) {
      testType = p;
      return this;
    }

    public Builder mesh(MeshType m) {
      meshType = m;
      return this;
    }

    public Builder createdAt(String iso) {
      createdAt = Instant.parse(iso);
      return this;
    }

    public Builder status(JobStatus s) {
      status = s;
      return this;
    }

    public Builder result(RunResult r) {
      result = r;
      return this;
    }

    public Builder figures(double p50Ms, double p99Ms, double throughputRps) {
      result = AnalysisFixtures.result(p50Ms, p99Ms, throughputRps);
      return this;
    }

    public Builder iterations(List<RunResult> runs) {
      iterations = runs;
      return this;
    }

    public Builder labels(Map<String, String> l) {
      labels = l;
      return this;
    }

    public Builder warmup(double seconds) {
      warmupS = seconds;
      return this;
    }

    /** The engine's spec the document records (none unless told). */
    public Builder loadSpec(LoadSpec spec) {
      loadSpec = spec;
      return this;
    }

    public Builder rate(double rps) {
      rateRps = rps;
      return this;
    }

    /** This error, keeping the status and the result (a run with figures that ended badly). */
    public Builder error(String message) {
      error = message;
      return this;
    }

    /** Failed, with this message and no result. */
    public Builder failed(String message) {
      status = JobStatus.FAILED;
      error = message;
      result = null;
      return this;
    }

    public JobDocument build() {
      JobSpec spec =
          new JobSpec(
              testType,
              meshType,
              "default",
              DURATION_S,
              warmupS,
              rateRps,
              8,
              null,
              0,
              1,
              Math.max(1, iterations.size()),
              labels);
      return new JobDocument(
          jobId,
          status,
          spec,
          "local",
          createdAt,
          createdAt,
          status.finished() ? createdAt.plusSeconds(11) : null,
          error,
          new JobEnvironment("0.1.0-TEST", "Test 17", "Linux", 2, "epoll", null, null),
          loadSpec,
          result,
          iterations);
    }
  }
}
