package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.analysis.AnalysisFixtures;
import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.analysis.Slo;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  @Test
  void rendersTheGoldenReport() throws IOException {
    var doc = JobFixtures.document();
    var checks =
        List.of(
            Slo.parse("p99<=20ms").check(doc.result()), Slo.parse("p50<=1ms").check(doc.result()));
    assertThat(new TextReport(doc, checks).render())
        .isEqualTo(JobFixtures.golden("golden/report.txt"));
  }

  @Test
  void warnsInTheWordsOfEveryOtherReport() {
    JobDocument golden = JobFixtures.document();
    JobDocument behind =
        golden.withRun(
            golden.environment(),
            golden.loadSpec(),
            AnalysisFixtures.overloaded(golden.result()),
            List.of());
    List<String> notes = HealthNotes.of(behind);
    assertThat(notes).hasSize(3);

    String report = new TextReport(behind, List.of()).render();

    StringBuilder warnings = new StringBuilder();
    notes.forEach(n -> warnings.append("\n! ").append(n).append('\n'));
    assertThat(report).endsWith(warnings.toString());
    assertThat(report).contains("\n! Rate not sustained: 50 of 1050 scheduled requests");
  }
}
