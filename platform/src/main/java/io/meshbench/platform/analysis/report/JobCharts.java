package io.meshbench.platform.analysis.report;

import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.search.SearchResult;
import io.meshbench.platform.search.SearchStep;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** The charts of job documents: percentile spectra, p99 and throughput over time, search steps. */
public final class JobCharts {
  /** The spectrum's x axis ends at 99.9999 %: 1/(1−p) = 10^6. */
  private static final int MAX_NINES = 6;

  private JobCharts() {}

  /**
   * Corrected-latency percentile spectra overlaid; x is log10(1/(1−p)), so 90 %, 99 %, 99.9 % … are
   * evenly spaced, as in HdrHistogram's plots.
   */
  public static String spectrum(List<JobDocument> jobs) {
    SvgChart chart =
        new SvgChart(
            "Percentile spectrum (corrected latency)", "percentile (log scale of 1/(1−p))", "ms");
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
    for (int nines = 0; nines <= MAX_NINES; nines++) {
      chart.xTick(nines, labels[nines]);
    }
    for (JobDocument job : jobs) {
      if (job.result() == null || job.result().histogram() == null) {
        continue;
      }
      Histogram h = HistogramCodec.decode(job.result().histogram());
      if (h.getTotalCount() == 0) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      for (HistogramIterationValue v : h.percentiles(5)) {
        double p = v.getPercentileLevelIteratedTo() / 100;
        double x = p >= 1 ? MAX_NINES : Math.min(MAX_NINES, Math.log10(1 / (1 - p)));
        points.add(new double[] {x, v.getValueIteratedTo() / 1000.0});
        if (p >= 1) {
          break;
        }
      }
      chart.add(series(name(job), points));
    }
    return chart.render();
  }

  /**
   * One figure of each second over the measured time, one line per job. A second in which nothing
   * succeeded has no p99: the line breaks there (a gap), it does not fall to 0.
   */
  public static String overTime(List<JobDocument> jobs, boolean p99) {
    SvgChart chart =
        new SvgChart(
            p99 ? "p99 over time (corrected latency)" : "Throughput over time",
            "seconds after warm-up",
            p99 ? "ms" : "requests/s");
    for (JobDocument job : jobs) {
      if (job.result() == null || job.result().timeseries().isEmpty()) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      for (IntervalSnapshot s : job.result().timeseries()) {
        double y = !p99 ? s.rps() : s.p99Ms() == null ? Double.NaN : s.p99Ms();
        points.add(new double[] {s.tS(), y});
      }
      chart.add(series(name(job), points));
    }
    return chart.render();
  }

  /** A search's steps: p99 against rate, the answer and the lowest failing rate marked. */
  public static String searchSteps(JobDocument job) {
    SearchResult search = job.search();
    SvgChart chart = new SvgChart("Search steps: p99 by rate", "requests/s", "p99 ms").withPoints();
    List<SearchStep> steps =
        search.steps().stream()
            .sorted(java.util.Comparator.comparingDouble(SearchStep::rateRps))
            .toList();
    List<double[]> passed = new ArrayList<>();
    List<double[]> failed = new ArrayList<>();
    for (SearchStep s : steps) {
      (s.passed() ? passed : failed).add(new double[] {s.rateRps(), s.p99Ms()});
    }
    if (!passed.isEmpty()) {
      chart.add(series("passed", passed));
    }
    if (!failed.isEmpty()) {
      chart.add(series("failed", failed));
    }
    if (search.maxRateRps() != null) {
      chart.marker(search.maxRateRps(), "answer " + SvgChart.number(search.maxRateRps()));
    }
    if (search.lowestFailingRateRps() != null) {
      chart.marker(search.lowestFailingRateRps(), "knee");
    }
    return chart.render();
  }

  static String name(JobDocument job) {
    return job.jobId() + (job.spec() == null ? "" : " (" + job.spec().meshType().wireName() + ")");
  }

  private static SvgChart.Series series(String name, List<double[]> points) {
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = points.get(i)[0];
      ys[i] = points.get(i)[1];
    }
    return new SvgChart.Series(name, xs, ys);
  }
}
