package io.meshbench.platform.analysis.export;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.latency;
import static io.meshbench.platform.analysis.AnalysisFixtures.overloaded;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.analysis.report.HtmlReport;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
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

  @Test
  void aRunThatFellBehindSaysSoBeforeItsFigures() throws Exception {
    JobDocument behind = job("behind").result(overloaded(result(1, 5, 1000))).build();
    List<String> notes = HealthNotes.of(behind);
    assertThat(notes)
        .hasSize(3)
        .anySatisfy(n -> assertThat(n).startsWith("Rate not sustained: 50 of 1050"))
        .anySatisfy(n -> assertThat(n).startsWith("50 requests were due but never sent"))
        .anySatisfy(n -> assertThat(n).startsWith("Load generator saturated"));

    String page = html(List.of(behind));

    String section = between(page, "<section id=\"warnings\"", "</section>");
    assertThat(section)
        .startsWith("<section id=\"warnings\" aria-labelledby=\"warnings-title\">")
        .contains("<h2 id=\"warnings-title\">Warnings</h2>");
    for (String note : notes) {
      assertThat(section).contains("<li>" + HtmlReport.escape(note) + "</li>");
    }
    assertThat(page.indexOf("id=\"warnings\"")).isLessThan(page.indexOf("<table id=\"jobs\">"));
  }

  @Test
  void aHealthyRunHasNoWarnings() throws Exception {
    String page = html(List.of(job("ok").build()));
    assertThat(page).doesNotContain("<section").doesNotContain(">Warnings<").doesNotContain("<li>");
  }

  @Test
  void aComparisonNamesEachJobAndAddsWhatDiffersWithoutRepeatingItself() throws Exception {
    JobDocument base = job("base").build();
    JobDocument behind = job("behind").rate(2000).result(overloaded(result(1, 5, 1000))).build();

    String section = between(html(List.of(base, behind)), "<section", "</section>");

    for (String note : HealthNotes.of(behind)) {
      assertThat(section).contains("<li>" + HtmlReport.escape("behind: " + note) + "</li>");
    }
    assertThat(section).contains("<li>jobs differ in rate (1000, 2000)</li>");
    assertThat(section).doesNotContain("base:").doesNotContain("did not sustain");
    assertThat(Pattern.compile("<li>").matcher(section).results().count()).isEqualTo(4);
  }

  @Test
  void warningsAreEscaped() throws Exception {
    JobDocument cancelled =
        job("<i>c</i>")
            .status(JobStatus.CANCELLED)
            .error("stopped by <script>alert(1)</script> & co")
            .result(overloaded(result(1, 5, 1000)))
            .build();

    String section = between(html(List.of(cancelled, job("ok").build())), "<section", "</section>");

    assertThat(section)
        .contains(
            "<li>&lt;i&gt;c&lt;/i&gt;: stopped by &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</li>")
        .contains("the target&#39;s doing")
        .doesNotContain("<script")
        .doesNotContain("<i>");
  }

  private static String between(String page, String from, String to) {
    int start = page.indexOf(from);
    assertThat(start).as("%s in the page", from).isNotNegative();
    return page.substring(start, page.indexOf(to, start) + to.length());
  }
}
