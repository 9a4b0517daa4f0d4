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
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * HdrHistogram interval logs ({@code .hlog}), as {@code HistogramLogReader} and
 * HistogramLogAnalyzer read them: one interval histogram per second of the measured phase, tagged
 * {@code corrected} (latency from the intended send time) and {@code service} (from the actual
 * send). With several jobs the tags are {@code <job_id>.corrected} and {@code <job_id>.service}.
 *
 * <p>Values are microseconds; the max column is written in milliseconds (unit ratio 1000). The
 * log's start time is the first job's start plus its warm-up; interval timestamps are seconds after
 * it, so that readers place them at the wall-clock times of the measured phase. Jobs written before
 * interval histograms existed cannot be exported.
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
  public void write(List<JobDocument> jobs, OutputStream out) throws IOException {
    for (JobDocument job : jobs) { // refused before a byte is written
      List<IntervalSnapshot> series = JobExports.resultOf(job).timeseries();
      if (series == null || series.isEmpty()) {
        throw new IllegalArgumentException(
            "job "
                + job.jobId()
                + " has no per-second series (no histograms): it cannot be exported as an"
                + " interval log");
      }
    }
    PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
    HistogramLogWriter log = new HistogramLogWriter(print);
    log.outputComment("meshbench interval log: one histogram per second, values in microseconds");
    log.outputLogFormatVersion();
    long baseMs = measuredStartMs(jobs.get(0));
    // Interval timestamps are seconds since this start time, which readers add back.
    log.outputStartTime(baseMs);
    log.outputLegend();
    for (JobDocument job : jobs) {
      RunResult r = JobExports.resultOf(job);
      String prefix = jobs.size() == 1 ? "" : job.jobId() + ".";
      double startS = (measuredStartMs(job) - baseMs) / 1000.0;
      double previousEndS = 0;
      for (IntervalSnapshot point : r.timeseries()) {
        if (!point.hasHistograms()) {
          throw new IllegalArgumentException(
              "job "
                  + job.jobId()
                  + " has no per-second histograms (written by an older meshbench): it cannot be"
                  + " exported as an interval log");
        }
        double endS = point.tS();
        write(log, point.histogram(), prefix + "corrected", startS + previousEndS, startS + endS);
        write(
            log,
            point.serviceHistogram(),
            prefix + "service",
            startS + previousEndS,
            startS + endS);
        previousEndS = endS;
      }
    }
    print.flush();
  }

  private static void write(
      HistogramLogWriter log, String encoded, String tag, double startS, double endS) {
    Histogram h = HistogramCodec.decode(encoded);
    h.setTag(tag);
    log.outputIntervalHistogram(startS, endS, h, MICROS_PER_MS);
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
