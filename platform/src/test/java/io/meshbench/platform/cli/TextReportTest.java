package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.analysis.Slo;
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
}
