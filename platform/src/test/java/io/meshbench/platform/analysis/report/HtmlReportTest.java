package io.meshbench.platform.analysis.report;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.JobDocument;
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
}
