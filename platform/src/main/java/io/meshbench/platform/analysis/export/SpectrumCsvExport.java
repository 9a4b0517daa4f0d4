package io.meshbench.platform.analysis.export;

import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The percentile spectrum of each job's whole histograms as CSV, HdrHistogram's percentile
 * distribution in rows: {@code job_id,kind,percentile,value_ms,count,one_over_one_minus_p} with
 * kind {@code corrected} or {@code service}; 5 ticks per halving of the distance to 100 %, as
 * {@code outputPercentileDistribution} prints. {@code one_over_one_minus_p} is empty at 100 %.
 */
final class SpectrumCsvExport implements JobExport {
  static final String HEADER = "job_id,kind,percentile,value_ms,count,one_over_one_minus_p";
  static final int TICKS_PER_HALF_DISTANCE = 5;

  @Override
  public String name() {
    return "csv-spectrum";
  }

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String fileExtension() {
    return "spectrum.csv";
  }

  @Override
  public void write(List<JobDocument> jobs, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(HEADER + "\r\n");
    for (JobDocument job : jobs) {
      RunResult r = JobExports.resultOf(job);
      rows(w, job.jobId(), "corrected", HistogramCodec.decode(r.histogram()));
      rows(w, job.jobId(), "service", HistogramCodec.decode(r.serviceHistogram()));
    }
    w.flush();
  }

  private static void rows(Writer w, String jobId, String kind, Histogram h) throws IOException {
    if (h.getTotalCount() == 0) {
      return;
    }
    for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
      double p = v.getPercentileLevelIteratedTo();
      w.write(
          String.join(
                  ",",
                  SeriesCsvExport.Csv.field(jobId),
                  kind,
                  SeriesCsvExport.Csv.number(p),
                  SeriesCsvExport.Csv.number(v.getValueIteratedTo() / 1000.0),
                  Long.toString(v.getTotalCountToThisValue()),
                  p >= 100 ? "" : SeriesCsvExport.Csv.number(1 / (1 - p / 100)))
              + "\r\n");
    }
  }
}
