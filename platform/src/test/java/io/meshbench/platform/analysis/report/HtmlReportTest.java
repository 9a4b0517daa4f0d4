package io.meshbench.platform.analysis.report;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.overloaded;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final String SCRIPT = "<script>alert('x')</script>";

  @Test
  void documentTextIsEscaped() throws Exception {
    List<JobDocument> jobs =
        List.of(
            job("base").figures(1, 5, 1000).build(),
            job("istio")
                .mesh(MeshType.ISTIO)
                .figures(2, 8, 900)
                .labels(Map.of("team", SCRIPT))
                .build(),
            job("bad").failed("boom " + SCRIPT + " & \"more\"").build());

    String html = CsvReportTest.write(new HtmlReport(), jobs);

    assertThat(html).doesNotContain("<script").doesNotContain("alert('x')");
    assertThat(html).contains("team=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).contains("boom &lt;script&gt;").contains("&amp; &quot;more&quot;");
  }

  @Test
  void pageIsSelfContainedWithBothTables() throws Exception {
    List<JobDocument> jobs =
        List.of(
            job("base").figures(1, 5, 1000).build(),
            job("istio").mesh(MeshType.ISTIO).figures(2, 8, 900).build());

    String html = CsvReportTest.write(new HtmlReport(), jobs);

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html).doesNotContain("src=").doesNotContain("href=").doesNotContain("@import");
    assertThat(html).contains("<table id=\"summary\">").contains("<table id=\"jobs\">");
    // summary: the istio row shows its overhead, +3 ms p99 = +60 %
    assertThat(html)
        .contains(
            "<td class=\"t\">istio</td><td>1</td><td class=\"t\">istio</td>"
                + "<td>2.000</td><td>8.000</td><td>900.000</td>")
        .contains("<td>3.000</td><td>60.000</td>");
    assertThat(html).contains("<td class=\"t\">base</td>").contains("<td class=\"t\">istio</td>");
  }

  @Test
  void escapeCoversAllSpecialCharacters() {
    assertThat(HtmlReport.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }

  @Test
  void eachJobsWarningsAreListedAboveTheSummary() throws Exception {
    JobDocument behind =
        job("behind").mesh(MeshType.ISTIO).result(overloaded(result(2, 8, 900))).build();
    JobDocument cancelled =
        job("stopped")
            .status(JobStatus.CANCELLED)
            .error("cancelled by " + SCRIPT)
            .result(result(1, 5, 1000))
            .build();
    List<JobDocument> jobs =
        List.of(
            job("base").figures(1, 5, 1000).build(),
            behind,
            cancelled,
            job("f").failed("x").build());

    String html = CsvReportTest.write(new HtmlReport(), jobs);

    int start = html.indexOf("<section id=\"warnings\" aria-labelledby=\"warnings-title\">");
    assertThat(start).isNotNegative().isLessThan(html.indexOf("<table id=\"summary\">"));
    String section = html.substring(start, html.indexOf("</section>", start));
    assertThat(section).contains("<h2 id=\"warnings-title\">Warnings</h2>");
    List<String> notes = HealthNotes.of(behind);
    assertThat(notes).hasSize(3);
    for (String note : notes) {
      assertThat(section).contains("<li>" + HtmlReport.escape("behind: " + note) + "</li>");
    }
    assertThat(section)
        .contains("<li>stopped: cancelled by &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</li>")
        .doesNotContain("<script")
        .doesNotContain("base:")
        .doesNotContain("f:");
    assertThat(java.util.regex.Pattern.compile("<li>").matcher(section).results().count())
        .isEqualTo(4);
  }

  @Test
  void healthyJobsHaveNoWarnings() throws Exception {
    String html =
        CsvReportTest.write(
            new HtmlReport(),
            List.of(job("base").figures(1, 5, 1000).build(), job("f").failed("boom").build()));
    assertThat(html).doesNotContain("<section").doesNotContain(">Warnings<").doesNotContain("<li>");
  }
}
