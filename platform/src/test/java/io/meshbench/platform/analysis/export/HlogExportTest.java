package io.meshbench.platform.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.job.JobDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** The interval log read back with HdrHistogram's own reader equals the job's histograms. */
class HlogExportTest {

  @Test
  void readsBackIntoTheJobsHistograms() throws Exception {
    JobDocument job = RealRun.job();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobExports.forName("hlog").write(List.of(job), out);

    HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
    Histogram corrected = HistogramCodec.newHistogram();
    Histogram service = HistogramCodec.newHistogram();
    List<Histogram> correctedIntervals = new ArrayList<>();
    List<Double> endsS = new ArrayList<>();
    for (EncodableHistogram read = reader.nextIntervalHistogram();
        read != null;
        read = reader.nextIntervalHistogram()) {
      Histogram h = (Histogram) read;
      if ("corrected".equals(h.getTag())) {
        corrected.add(h);
        correctedIntervals.add(h);
        endsS.add(h.getEndTimeStamp() / 1000.0);
      } else {
        assertThat(h.getTag()).isEqualTo("service");
        service.add(h);
      }
    }
    List<IntervalSnapshot> series = job.result().timeseries();
    assertThat(correctedIntervals).as("one interval per second").hasSize(series.size());
    assertThat(series.size()).isGreaterThanOrEqualTo(3);
    // The sum of the intervals is exactly the job's whole histogram, value for value.
    assertThat(corrected).isEqualTo(HistogramCodec.decode(job.result().histogram()));
    assertThat(service).isEqualTo(HistogramCodec.decode(job.result().serviceHistogram()));
    assertThat(corrected.getTotalCount()).isEqualTo(job.result().successes());
    for (int i = 0; i < series.size(); i++) {
      assertThat(correctedIntervals.get(i))
          .isEqualTo(HistogramCodec.decode(series.get(i).histogram()));
    }
    // Timestamps: wall-clock seconds of the measured phase, one second apart.
    double measuredStartS = HlogExport.measuredStartMs(job) / 1000.0;
    assertThat(endsS.get(0) - measuredStartS).isCloseTo(series.get(0).tS(), within());
    assertThat(reader.getStartTimeSec()).isCloseTo(measuredStartS, within());
  }

  @Test
  void aDocumentWithoutIntervalHistogramsIsRefusedByName() throws Exception {
    // A document as older versions wrote it: no per-second histograms in the time series.
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        io.meshbench.platform.job.Json.mapper()
            .valueToTree(io.meshbench.platform.job.JobFixtures.document());
    for (com.fasterxml.jackson.databind.JsonNode point : tree.at("/result/timeseries")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) point)
          .remove(List.of("histogram", "service_histogram"));
    }
    JobDocument old = io.meshbench.platform.job.Json.mapper().treeToValue(tree, JobDocument.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JobExports.forName("hlog").write(List.of(old), new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(old.jobId())
        .hasMessageContaining("per-second histograms");
  }

  @Test
  void aDocumentWithoutATimeSeriesIsRefusedBeforeAnythingIsWritten() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        io.meshbench.platform.job.Json.mapper()
            .valueToTree(io.meshbench.platform.job.JobFixtures.document());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("result")).putArray("timeseries");
    JobDocument empty =
        io.meshbench.platform.job.Json.mapper().treeToValue(tree, JobDocument.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JobExports.forName("hlog").write(List.of(empty), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(empty.jobId())
        .hasMessageContaining("no per-second series");
    org.assertj.core.api.Assertions.assertThat(out.size()).isZero();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }
}
