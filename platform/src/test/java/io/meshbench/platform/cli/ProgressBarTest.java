package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.IntervalSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void aSecondWithoutASuccessShowsNoLatencyRatherThanZero() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out));
    IntervalSnapshot answered = new IntervalSnapshot(1, 250, 250, 0, 1.0, 2.0, 3.25, 9.0);
    IntervalSnapshot stalled = new IntervalSnapshot(2, 0, 3, 3, null, null, null, null);

    bar.onProgress(new RunProgress(RunProgress.Phase.MEASURING, 1.5, 4.5, answered, 250, 0));
    assertThat(out.toString()).contains("rps 250  p99 3.25 ms  errors 0");
    out.getBuffer().setLength(0);

    bar.onProgress(new RunProgress(RunProgress.Phase.MEASURING, 2.5, 4.5, stalled, 253, 3));
    assertThat(out.toString()).contains("rps 0  p99 – ms  errors 3").doesNotContain("null");
  }
}
