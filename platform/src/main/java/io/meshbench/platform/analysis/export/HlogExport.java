package io.meshbench.platform.analysis.export;

import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * HdrHistogram interval logs ({@code .hlog}), as {@code HistogramLogReader} and
 * HistogramLogAnalyzer read them: one interval histogram per second of the measured phase, tagged
 * {@code corrected} (latency from the intended send time) and {@code service} (from the actual
 * send). With several jobs the tags are {@code <job_id>.corrected} and {@code <job_id>.service}.
 *
 * <p>After a job's seconds comes one <em>drain</em> interval per tag, when it is not empty: what
 * the job's whole histogram holds beyond its seconds ({@link HlogDrain}), i.e. the requests that
 * completed after the measured end (a stopped run's cut-short second is a point of its own; with
 * iterations, every iteration's drain, since their seconds are laid end to end). With it, the
 * intervals of a tag add up to the document's whole histogram, so that a merged log gives the
 * document's counts and percentiles exactly. The drain interval starts where the last second ends
 * and ends at the job's {@code completed_at}, by which every completion had been recorded (the
 * drain's own end is not recorded; this bound overstates its length by the job's bookkeeping after
 * the run). Without {@code completed_at} it ends at the measured end plus the request timeout, by
 * which whatever was in flight had completed or failed (give or take one sweep for timeouts).
 *
 * <p>Values are microseconds; the max column is written in milliseconds (unit ratio 1000). The
 * log's start time is the earliest job's start plus its warm-up (jobs are written oldest first);
 * interval timestamps are seconds after it, so that readers place them at the wall-clock times of
 * the measured phase. Jobs written before interval histograms existed cannot be exported.
 */
final class HlogExport implements JobExport {
  static final double MICROS_PER_MS = 1000.0;

  @Override
  public String name() {
    return "hlog";
  }

  @Override
  public String contentType() {
    return "text/plain; charset=utf-8";
  }

  @Override
  public String fileExtension() {
    return "hlog";
  }

  @Override
  public void write(List<JobDocument> given, OutputStream out) throws IOException {
    Set<String> ids = new HashSet<>();
    for (JobDocument job : given) {
      if (!ids.add(job.jobId())) {
        // Its tags would be written twice, and a reader would add the job to itself.
        throw new IllegalArgumentException(
            "job " + job.jobId() + " is given twice: an interval log holds each job once");
      }
    }
    // Oldest first, from the earliest start: readers skip intervals before the log's start time.
    List<JobDocument> jobs =
        given.stream().sorted(Comparator.comparingLong(HlogExport::measuredStartMs)).toList();
    // Every job that cannot be exported is refused before a byte is written.
    List<Drain> drains = new ArrayList<>(jobs.size());
    for (JobDocument job : jobs) {
      drains.add(drainOf(job));
    }
    PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
    HistogramLogWriter log = new HistogramLogWriter(print);
    log.outputComment(
        "meshbench interval log: one histogram per second, then the drain after the measured"
            + " end; values in microseconds");
    log.outputLogFormatVersion();
    long baseMs = measuredStartMs(jobs.get(0));
    // Interval timestamps are seconds since this start time, which readers add back.
    log.outputStartTime(baseMs);
    log.outputLegend();
    for (int i = 0; i < jobs.size(); i++) {
      JobDocument job = jobs.get(i);
      RunResult r = JobExports.resultOf(job);
      String prefix = jobs.size() == 1 ? "" : job.jobId() + ".";
      double startS = (measuredStartMs(job) - baseMs) / 1000.0;
      double previousEndS = 0;
      for (IntervalSnapshot point : r.timeseries()) {
        double endS = point.tS();
        write(
            log,
            HistogramCodec.decode(point.histogram()),
            prefix + "corrected",
            startS + previousEndS,
            startS + endS);
        write(
            log,
            HistogramCodec.decode(point.serviceHistogram()),
            prefix + "service",
            startS + previousEndS,
            startS + endS);
        previousEndS = endS;
      }
      Drain drain = drains.get(i);
      double drainEndS = Math.max(previousEndS, drainEndS(job, r));
      if (drain.corrected().getTotalCount() > 0) {
        write(
            log,
            drain.corrected(),
            prefix + "corrected",
            startS + previousEndS,
            startS + drainEndS);
      }
      if (drain.service().getTotalCount() > 0) {
        write(log, drain.service(), prefix + "service", startS + previousEndS, startS + drainEndS);
      }
    }
    print.flush();
  }

  /** A job's whole histograms minus its seconds' (see {@link HlogDrain}). */
  private record Drain(Histogram corrected, Histogram service) {}

  /**
   * @throws IllegalArgumentException when the job has no per-second histograms, or when they do not
   *     fit in its whole histograms
   */
  private static Drain drainOf(JobDocument job) {
    List<IntervalSnapshot> series = JobExports.resultOf(job).timeseries();
    if (series == null || series.isEmpty()) {
      throw new IllegalArgumentException(
          "job "
              + job.jobId()
              + " has no per-second series (no histograms): it cannot be exported as an"
              + " interval log");
    }
    Histogram corrected = HistogramCodec.newHistogram();
    Histogram service = HistogramCodec.newHistogram();
    for (IntervalSnapshot point : series) {
      if (!point.hasHistograms()) {
        throw new IllegalArgumentException(
            "job "
                + job.jobId()
                + " has no per-second histograms (written by an older meshbench): it cannot be"
                + " exported as an interval log");
      }
      corrected.add(HistogramCodec.decode(point.histogram()));
      service.add(HistogramCodec.decode(point.serviceHistogram()));
    }
    RunResult r = job.result();
    return new Drain(
        HlogDrain.rest(
            HistogramCodec.decode(r.histogram()),
            corrected,
            "job " + job.jobId() + ", corrected latency"),
        HlogDrain.rest(
            HistogramCodec.decode(r.serviceHistogram()),
            service,
            "job " + job.jobId() + ", service time"));
  }

  private static void write(
      HistogramLogWriter log, Histogram h, String tag, double startS, double endS) {
    h.setTag(tag);
    log.outputIntervalHistogram(startS, endS, h, MICROS_PER_MS);
  }

  /**
   * When the drain interval ends, in seconds since the job's measured start: its {@code
   * completed_at}, else the measured end plus the request timeout (see the class comment).
   */
  static double drainEndS(JobDocument job, RunResult r) {
    if (job.completedAt() != null) {
      return (job.completedAt().toEpochMilli() - measuredStartMs(job)) / 1000.0;
    }
    return r.durationS() + (job.loadSpec() == null ? 0 : job.loadSpec().timeoutMs() / 1000.0);
  }

  /** Wall-clock start of the measured phase: the job's start plus its warm-up. */
  static long measuredStartMs(JobDocument job) {
    Instant started = job.startedAt() != null ? job.startedAt() : job.createdAt();
    long warmupMs =
        job.loadSpec() != null
            ? job.loadSpec().warmupMs()
            : Math.round(job.spec() == null ? 0 : job.spec().warmup() * 1000);
    return (started == null ? 0 : started.toEpochMilli()) + warmupMs;
  }
}
