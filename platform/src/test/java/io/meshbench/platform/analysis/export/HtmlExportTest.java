package io.meshbench.platform.analysis.export;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.latency;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.MeshType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlExportTest {

  private static String html(List<JobDocument> jobs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobExports.forName("html").write(jobs, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void selfContainedScriptFreeWithChartsOfEveryJob() throws Exception {
    JobDocument base = RealRun.job();
    String page = html(List.of(base, base));
    // Nothing loads from elsewhere: no scripts, no external references.
    assertThat(page)
        .doesNotContainIgnoringCase("<script")
        .doesNotContain("src=", "href=", "<link", "url(");
    assertThat(Pattern.compile("<svg ").matcher(page).results().count()).isEqualTo(3);
    assertThat(page).contains("Percentile spectrum", "p99 over time", "Throughput over time");
    // Two jobs overlaid in the spectrum: two polylines with points.
    String spectrum =
        page.substring(page.indexOf("Percentile spectrum"), page.indexOf("p99 over time"));
    assertThat(Pattern.compile("<polyline class=\"series\"").matcher(spectrum).results().count())
        .isEqualTo(2);
    assertThat(spectrum).contains("99.9%");
    assertThat(page).contains("Overhead against #1", "no interval (one iteration)");
  }

  @Test
  void escapesWhatComesFromDocuments() throws Exception {
    JobDocument evil =
        job("<b>x</b>")
            .mesh(MeshType.ISTIO)
            .labels(java.util.Map.of("k", "<script>alert(1)</script>"))
            .result(result(latency(1, 2, 3, 4, 5), 100, 0))
            .build();
    String page = html(List.of(evil, evil));
    assertThat(page).doesNotContain("<b>x</b>").contains("&lt;b&gt;x&lt;/b&gt;");
    assertThat(page).doesNotContainIgnoringCase("<script");
  }
}
