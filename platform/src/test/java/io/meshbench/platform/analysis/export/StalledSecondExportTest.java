package io.meshbench.platform.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.analysis.report.JobCharts;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A second in which nothing succeeded has no latency, and no export makes one up for it. */
class StalledSecondExportTest {
  private static final Pattern POLYLINE =
      Pattern.compile("<polyline class=\"series\"[^>]* points=\"([^\"]*)\"");

  private final JobDocument job = JobFixtures.documentWithStalledSecond();

  private static String export(String format, JobDocument job) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobExports.forName(format).write(List.of(job), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void csvLeavesTheLatencyCellsOfAStalledSecondEmpty() throws Exception {
    String[] lines = export("csv", job).split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo(SeriesCsvExport.HEADER);
    String prefix = job.jobId() + ",http,baseline,";
    IntervalSnapshot first = job.result().timeseries().get(0);
    assertThat(lines[1])
        .isEqualTo(prefix + "1,500,0,2.501,4.951,5.003")
        .endsWith(
            String.join(
                ",",
                SeriesCsvExport.Csv.number(first.p50Ms()),
                SeriesCsvExport.Csv.number(first.p99Ms()),
                SeriesCsvExport.Csv.number(first.maxMs())));
    assertThat(lines[2]).isEqualTo(prefix + "2,0,7,,,");
    assertThat(lines[3]).matches(Pattern.quote(prefix) + "3,500,3,7\\.5\\d*,9\\.9\\d*,10\\.\\d+");
    // Nine columns on every row, the empty ones included.
    for (String line : lines) {
      assertThat(line.split(",", -1)).hasSize(9);
    }
  }

  @Test
  void theP99ChartBreaksItsLineAtAStalledSecondAndThroughputDoesNot() {
    String p99 = JobCharts.overTime(List.of(job), true);
    List<List<double[]>> runs = polylines(p99);
    // Two segments: second 1, then second 3; nothing at second 2, and nothing drawn at 0 ms.
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0)).hasSize(1);
    assertThat(runs.get(1)).hasSize(1);
    double gapStartX = runs.get(0).get(0)[0];
    double gapEndX = runs.get(1).get(0)[0];
    assertThat(gapEndX).isGreaterThan(gapStartX);
    double zeroY = zeroLineY(JobCharts.overTime(List.of(job), false));
    for (List<double[]> run : runs) {
      for (double[] point : run) {
        assertThat(point[1]).as("a p99 drawn at 0 ms").isLessThan(zeroY);
      }
    }
    // A lone figure between gaps is also a dot, so that it shows.
    assertThat(p99).contains("<circle ");

    // Throughput had a figure every second (0 req/s in the stall): one line through all three.
    List<List<double[]>> rps = polylines(JobCharts.overTime(List.of(job), false));
    assertThat(rps).hasSize(1);
    assertThat(rps.get(0)).hasSize(3);
  }

  @Test
  void theHtmlExportDrawsTheGapAndEveryOtherFormatReadsTheStalledSecond() throws Exception {
    String html = export("html", job);
    String p99 =
        html.substring(html.indexOf("p99 over time"), html.indexOf("Throughput over time"));
    assertThat(polylines(p99)).hasSize(2);
    assertThat(html).doesNotContain("NaN");
    assertThat(export("smp", job)).contains("\"latenciesMs\"");
    assertThat(export("csv-spectrum", job)).isNotEmpty();
    // The stalled second's interval histograms are empty, not missing: the interval log has it.
    String hlog = export("hlog", job);
    assertThat(hlog.lines().filter(l -> l.startsWith("Tag=corrected"))).hasSize(3);
  }

  /** Each series polyline's points, as (x, y) in SVG units. */
  private static List<List<double[]>> polylines(String svg) {
    List<List<double[]>> out = new ArrayList<>();
    Matcher m = POLYLINE.matcher(svg);
    while (m.find()) {
      List<double[]> points = new ArrayList<>();
      for (String pair : m.group(1).trim().split(" ")) {
        String[] xy = pair.split(",");
        points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
      }
      out.add(points);
    }
    return out;
  }

  /** The y of 0 in a chart whose one series is at 0 at its second point. */
  private static double zeroLineY(String throughputSvg) {
    return polylines(throughputSvg).get(0).get(1)[1];
  }
}
