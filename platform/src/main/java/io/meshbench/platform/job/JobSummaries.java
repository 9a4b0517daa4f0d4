package io.meshbench.platform.job;

import io.meshbench.engine.stats.RunResult;
import java.util.List;

/**
 * A job's summary: the document without what makes it large — the histograms, the per-second time
 * series, the per-iteration results, a search's steps and a mesh matrix's runs (each of those
 * carries whole results); the regression verdict and the cluster report, which are small, stay.
 * Listings, {@code /metrics/summary} and reports read summaries, which the stores keep beside each
 * document, so that none of them parses every full document per call. {@code GET
 * /benchmarks/jobs/{id}} still serves the whole document.
 *
 * <p>PostgreSQL computes the same summary in a trigger ({@code V3__job_summary.sql}, {@code
 * V4__job_summary_small.sql}); the store contract test checks that both stores agree with {@link
 * #of}.
 */
public final class JobSummaries {
  private JobSummaries() {}

  /** The summary of {@code doc}; a summary's summary is itself. */
  public static JobDocument of(JobDocument doc) {
    RunResult r = doc.result();
    return new JobDocument(
        doc.jobId(),
        doc.status(),
        doc.spec(),
        doc.executor(),
        doc.createdAt(),
        doc.startedAt(),
        doc.completedAt(),
        doc.error(),
        doc.environment(),
        doc.loadSpec(),
        r == null ? null : strip(r),
        List.of(),
        null,
        doc.regression(),
        doc.cluster(),
        null);
  }

  private static RunResult strip(RunResult r) {
    return r.withoutBulk();
  }
}
