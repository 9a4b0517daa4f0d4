package io.meshbench.platform.analysis;

import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Flags a completed job that is significantly worse than the preceding runs of the same spec.
 *
 * <p>The test, per figure (corrected p50 and p99, throughput): take that figure of the last up to
 * {@value #MAX_HISTORY} completed jobs of the same spec before this one (at least {@value
 * #MIN_HISTORY}); their mean m and standard deviation s give the one-sided 95 % prediction bound
 * for one more run, {@code m + t(0.95, n−1) · s · √(1 + 1/n)} (minus, for throughput). The job
 * regresses when a figure lies beyond that bound <em>and</em> is at least {@value #THRESHOLD_PCT} %
 * worse than m: the bound says "not noise", the threshold says "large enough to matter" (a very
 * steady history would otherwise flag a 1 % change).
 *
 * <p>The same spec: same test type, mesh, rate, connections, duration, payload, target and workers;
 * searches are not compared.
 */
public final class RegressionCheck {
  public static final int MIN_HISTORY = 3;
  public static final int MAX_HISTORY = 10;
  public static final double THRESHOLD_PCT = 10;
  public static final String TEST =
      "one-sided 95% Student-t prediction bound over the preceding "
          + MIN_HISTORY
          + " to "
          + MAX_HISTORY
          + " runs of the same spec, and at least "
          + (int) THRESHOLD_PCT
          + "% worse than their mean";

  private RegressionCheck() {}

  /** Whether two specs describe the same benchmark for the purpose of history. */
  public static boolean sameSpec(JobSpec a, JobSpec b) {
    return a != null
        && b != null
        && a.search() == null
        && b.search() == null
        && a.testType() == b.testType()
        && a.meshType() == b.meshType()
        && a.rate() == b.rate()
        && a.concurrentConnections() == b.concurrentConnections()
        && a.duration() == b.duration()
        && a.payloadBytes() == b.payloadBytes()
        && a.workers() == b.workers()
        && Objects.equals(a.serviceUrl(), b.serviceUrl());
  }

  /**
   * The verdict for {@code job} against {@code history} (any jobs; those of the same spec,
   * completed, created before it, count). Null when the job is not a completed run with a result.
   */
  public static Regression check(JobDocument job, List<JobDocument> history) {
    if (job.status() != JobStatus.COMPLETED || job.result() == null || job.spec() == null) {
      return null;
    }
    if (job.spec().search() != null) {
      return null;
    }
    List<RunResult> preceding =
        history.stream()
            .filter(h -> !h.jobId().equals(job.jobId()))
            .filter(h -> h.status() == JobStatus.COMPLETED && h.result() != null)
            .filter(h -> sameSpec(job.spec(), h.spec()))
            .filter(h -> before(h, job))
            .sorted(NEWEST_FIRST)
            .limit(MAX_HISTORY)
            .map(JobDocument::result)
            .toList();
    if (preceding.size() < MIN_HISTORY) {
      return new Regression(
          Regression.INSUFFICIENT_HISTORY, false, TEST, THRESHOLD_PCT, preceding.size(), List.of());
    }
    List<Regression.Metric> metrics = new ArrayList<>();
    metrics.add(metric("p50_ms", r -> r.latencyMs().p50(), true, job.result(), preceding));
    metrics.add(metric("p99_ms", r -> r.latencyMs().p99(), true, job.result(), preceding));
    metrics.add(metric("throughput_rps", RunResult::throughputRps, false, job.result(), preceding));
    boolean regressed = metrics.stream().anyMatch(Regression.Metric::worse);
    return new Regression(
        regressed ? Regression.REGRESSION : Regression.NO_REGRESSION,
        regressed,
        TEST,
        THRESHOLD_PCT,
        preceding.size(),
        metrics);
  }

  private static Regression.Metric metric(
      String name,
      ToDoubleFunction<RunResult> figure,
      boolean worseIsHigher,
      RunResult current,
      List<RunResult> preceding) {
    List<Double> values = preceding.stream().map(figure::applyAsDouble).toList();
    int n = values.size();
    double mean = DifferenceInterval.mean(values);
    double sd = Math.sqrt(DifferenceInterval.variance(values, mean));
    double margin = StudentT.quantile(0.95, n - 1) * sd * Math.sqrt(1 + 1.0 / n);
    double value = figure.applyAsDouble(current);
    double bound = worseIsHigher ? mean + margin : mean - margin;
    Double changePct = Stats.percent(value, mean);
    boolean beyond = worseIsHigher ? value > bound : value < bound;
    boolean large =
        changePct != null
            && (worseIsHigher ? changePct >= THRESHOLD_PCT : -changePct >= THRESHOLD_PCT);
    return new Regression.Metric(
        name,
        Stats.round(value),
        Stats.round(mean),
        Stats.round(bound),
        changePct,
        worseIsHigher,
        beyond && large);
  }

  private static boolean before(JobDocument h, JobDocument job) {
    return NEWEST_FIRST.compare(h, job) > 0;
  }

  private static final Comparator<JobDocument> NEWEST_FIRST =
      Comparator.comparing(
              JobDocument::createdAt,
              Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder()))
          .thenComparing(JobDocument::jobId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .reversed();
}
