package io.meshbench.platform.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The interval log read back with HdrHistogram's own reader adds up to the job's histograms. */
class HlogExportTest {

  @Test
  void readsBackIntoTheJobsHistograms() throws Exception {
    JobDocument job = RealRun.job();
    Map<String, List<Histogram>> log = read(export(List.of(job)));
    assertThat(log).containsOnlyKeys("corrected", "service");

    List<IntervalSnapshot> series = job.result().timeseries();
    assertThat(series.size()).isGreaterThanOrEqualTo(3);
    List<Histogram> corrected = log.get("corrected");
    // One interval per second, then the drain if anything completed after the measured end.
    assertThat(corrected.size() - series.size()).isBetween(0, 1);
    for (int i = 0; i < series.size(); i++) {
      assertThat(corrected.get(i)).isEqualTo(HistogramCodec.decode(series.get(i).histogram()));
      assertThat(log.get("service").get(i))
          .isEqualTo(HistogramCodec.decode(series.get(i).serviceHistogram()));
    }
    assertAddsUpTo(log.get("corrected"), job.result().histogram(), job.result().latencyMs());
    assertAddsUpTo(log.get("service"), job.result().serviceHistogram(), null);
    assertThat(sum(corrected).getTotalCount()).isEqualTo(job.result().successes());

    // Timestamps: wall-clock seconds of the measured phase, one second apart.
    HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(export(job)));
    Histogram first = (Histogram) reader.nextIntervalHistogram();
    double measuredStartS = HlogExport.measuredStartMs(job) / 1000.0;
    assertThat(first.getEndTimeStamp() / 1000.0 - measuredStartS)
        .isCloseTo(series.get(0).tS(), within());
    assertThat(reader.getStartTimeSec()).isCloseTo(measuredStartS, within());
  }

  @Test
  void completionsAfterTheEndAreOneLastIntervalSoTheLogAddsUpToTheDocument() throws Exception {
    JobDocument job = RealRun.slowTarget();
    RunResult r = job.result();
    assertThat(r.errors()).isZero();
    assertThat(r.completedAfterEnd()).as("requests in flight at the end").isPositive();
    List<IntervalSnapshot> series = r.timeseries();
    long inSeconds = series.stream().mapToLong(IntervalSnapshot::completed).sum();
    assertThat(inSeconds).isLessThan(r.successes());

    byte[] hlog = export(job);
    Map<String, List<Histogram>> log = read(hlog);
    for (String tag : List.of("corrected", "service")) {
      List<Histogram> intervals = log.get(tag);
      assertThat(intervals).hasSize(series.size() + 1);
      Histogram drain = intervals.get(series.size());
      // Without errors, every completion after the end is a success, in both histograms. The
      // service histograms are swapped just after the corrected ones, so a completion between the
      // two swaps lands in neighbouring intervals: exact for corrected, within what was in flight
      // (its connections) for service.
      if (tag.equals("corrected")) {
        assertThat(drain.getTotalCount()).isEqualTo(r.completedAfterEnd());
      } else {
        assertThat(drain.getTotalCount())
            .isBetween(
                r.completedAfterEnd() - job.loadSpec().connections(),
                r.completedAfterEnd() + job.loadSpec().connections());
      }
      // From the end of the last second to the job's completion, in the log's own time.
      double measuredStartS = HlogExport.measuredStartMs(job) / 1000.0;
      assertThat(drain.getStartTimeStamp() / 1000.0 - measuredStartS)
          .isCloseTo(series.get(series.size() - 1).tS(), within());
      assertThat(drain.getEndTimeStamp() / 1000.0)
          .isCloseTo(job.completedAt().toEpochMilli() / 1000.0, within());
    }
    assertAddsUpTo(log.get("corrected"), r.histogram(), r.latencyMs());
    assertAddsUpTo(log.get("service"), r.serviceHistogram(), r.serviceTimeMs());
  }

  @Test
  void severalJobsAddUpTagByTag() throws Exception {
    JobDocument quick = RealRun.job();
    JobDocument slow = RealRun.slowTarget();
    Map<String, List<Histogram>> log = read(export(List.of(quick, slow)));

    assertThat(log)
        .containsOnlyKeys(
            quick.jobId() + ".corrected",
            quick.jobId() + ".service",
            slow.jobId() + ".corrected",
            slow.jobId() + ".service");
    for (JobDocument job : List.of(quick, slow)) {
      RunResult r = job.result();
      assertAddsUpTo(log.get(job.jobId() + ".corrected"), r.histogram(), r.latencyMs());
      assertAddsUpTo(log.get(job.jobId() + ".service"), r.serviceHistogram(), r.serviceTimeMs());
    }
    assertThat(log.get(slow.jobId() + ".corrected")).hasSize(slow.result().timeseries().size() + 1);
  }

  /**
   * Jobs given newest first still land at or after the log's start time, where
   * HistogramLogProcessor reads them (it skips intervals before the start).
   */
  @Test
  void jobsGivenNewestFirstAreAllReadFromTheLogsStart() throws Exception {
    JobDocument slow = RealRun.slowTarget();
    ObjectNode tree = Json.mapper().valueToTree(RealRun.job());
    tree.put("job_id", "20260101-000000-http-baseline-0ld1");
    tree.put("started_at", slow.startedAt().minusSeconds(120).toString());
    JobDocument older = Json.mapper().treeToValue(tree, JobDocument.class);

    HistogramLogReader reader =
        new HistogramLogReader(new ByteArrayInputStream(export(List.of(slow, older))));
    Map<String, Histogram> byTag = new LinkedHashMap<>();
    // As HistogramLogProcessor reads: seconds relative to the log's start time, from 0.
    for (EncodableHistogram h = reader.nextIntervalHistogram(0.0, Double.MAX_VALUE);
        h != null;
        h = reader.nextIntervalHistogram(0.0, Double.MAX_VALUE)) {
      byTag.computeIfAbsent(h.getTag(), t -> HistogramCodec.newHistogram()).add((Histogram) h);
    }
    for (JobDocument job : List.of(slow, older)) {
      assertThat(byTag.get(job.jobId() + ".corrected"))
          .as(job.jobId())
          .isEqualTo(HistogramCodec.decode(job.result().histogram()));
    }
  }

  @Test
  void aJobGivenTwiceIsRefused() throws Exception {
    JobDocument job = RealRun.job();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> JobExports.forName("hlog").write(List.of(job, job), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job " + job.jobId() + " is given twice: an interval log holds each job once");
    assertThat(out.size()).isZero();
  }

  @Test
  void secondsThatHoldMoreThanTheWholeAreRefusedBeforeAnythingIsWritten() throws Exception {
    JobDocument job = RealRun.job();
    ObjectNode tree = Json.mapper().valueToTree(job);
    // One second gains a 42 s latency that the whole histogram never saw.
    ObjectNode point = (ObjectNode) tree.at("/result/timeseries/0");
    Histogram tampered = HistogramCodec.decode(point.get("histogram").asText());
    tampered.recordValue(42_000_000);
    point.put("histogram", HistogramCodec.encode(tampered));
    tree.put("job_id", "20260101-000000-http-baseline-bad1");
    JobDocument inconsistent = Json.mapper().treeToValue(tree, JobDocument.class);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> JobExports.forName("hlog").write(List.of(job, inconsistent), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job " + inconsistent.jobId() + ", corrected latency")
        .hasMessageContaining("count 1 at 42")
        .hasMessageContaining("contradicts itself");
    assertThat(out.size()).isZero();
  }

  @Test
  void aDocumentWithoutIntervalHistogramsIsRefusedByName() throws Exception {
    // A document as older versions wrote it: no per-second histograms in the time series.
    ObjectNode tree = Json.mapper().valueToTree(JobFixtures.document());
    for (JsonNode point : tree.at("/result/timeseries")) {
      ((ObjectNode) point).remove(List.of("histogram", "service_histogram"));
    }
    JobDocument old = Json.mapper().treeToValue(tree, JobDocument.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> JobExports.forName("hlog").write(List.of(old), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(old.jobId())
        .hasMessageContaining("per-second histograms");
    assertThat(out.size()).isZero();
  }

  @Test
  void aDocumentWithoutATimeSeriesIsRefusedBeforeAnythingIsWritten() throws Exception {
    ObjectNode tree = Json.mapper().valueToTree(JobFixtures.document());
    ((ObjectNode) tree.get("result")).putArray("timeseries");
    JobDocument empty = Json.mapper().treeToValue(tree, JobDocument.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> JobExports.forName("hlog").write(List.of(empty), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(empty.jobId())
        .hasMessageContaining("no per-second series");
    assertThat(out.size()).isZero();
  }

  /**
   * The intervals merged as HistogramLogProcessor merges them equal the document's whole histogram:
   * the same count, percentiles and max, and the document's own summary when given.
   */
  private static void assertAddsUpTo(
      List<Histogram> intervals, String encodedWhole, LatencyStats summary) {
    Histogram merged = sum(intervals);
    Histogram whole = HistogramCodec.decode(encodedWhole);
    assertThat(merged.getTotalCount()).isEqualTo(whole.getTotalCount()).isPositive();
    assertThat(merged.getValueAtPercentile(50)).isEqualTo(whole.getValueAtPercentile(50));
    assertThat(merged.getValueAtPercentile(99)).isEqualTo(whole.getValueAtPercentile(99));
    assertThat(merged.getMaxValue()).isEqualTo(whole.getMaxValue());
    assertThat(merged).isEqualTo(whole);
    if (summary != null) {
      assertThat(LatencyStats.ofMicros(merged)).isEqualTo(summary);
    }
  }

  private static Histogram sum(List<Histogram> intervals) {
    Histogram merged = HistogramCodec.newHistogram();
    intervals.forEach(merged::add);
    return merged;
  }

  private static byte[] export(JobDocument job) throws Exception {
    return export(List.of(job));
  }

  private static byte[] export(List<JobDocument> jobs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobExports.forName("hlog").write(jobs, out);
    return out.toByteArray();
  }

  /** The log's intervals by tag, in the order written; an untagged interval reads as "". */
  private static Map<String, List<Histogram>> read(byte[] hlog) {
    HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(hlog));
    Map<String, List<Histogram>> byTag = new LinkedHashMap<>();
    for (EncodableHistogram h = reader.nextIntervalHistogram();
        h != null;
        h = reader.nextIntervalHistogram()) {
      String tag = h.getTag() == null ? "" : h.getTag();
      byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add((Histogram) h);
    }
    return byTag;
  }

  private static Offset<Double> within() {
    return Offset.offset(0.01);
  }
}
