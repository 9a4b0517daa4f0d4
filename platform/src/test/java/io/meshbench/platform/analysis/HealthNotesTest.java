package io.meshbench.platform.analysis;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.latency;
import static io.meshbench.platform.analysis.AnalysisFixtures.overloaded;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static io.meshbench.platform.analysis.AnalysisFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthNotesTest {
  static final String RATE =
      "Rate not sustained: 50 of 1050 scheduled requests were never sent (4.8%). The target or"
          + " the generator could not keep up (longest wait for a free connection 800.00 ms, the"
          + " target's doing; the generator's own lateness up to 4.250 ms); the requests that went"
          + " out late count their wait in the corrected latency.";
  static final String UNSENT =
      "50 requests were due but never sent before the end; the oldest was 812.50 ms overdue."
          + " They have no latency sample: the corrected percentiles understate the wait.";
  static final String SATURATED =
      "Load generator saturated: a load thread was at or above 90% CPU, or the generator itself"
          + " acted late (p99 2.500 ms with a connection free, or a late timer: starved of a core),"
          + " so the figures may show the generator's limit. Use more --threads, fewer connections"
          + " per thread, or a machine (pod CPU limit) with room.";

  @Test
  void aHealthyRunHasNone() {
    JobDocument healthy = job("ok").build();
    assertThat(HealthNotes.of(healthy)).isEmpty();
    assertThat(HealthNotes.of(healthy.result())).isEmpty();
    assertThat(HealthNotes.brief(healthy)).isEmpty();
  }

  @Test
  void anOverloadedRunHasEachWarningInTheReportsWords() {
    JobDocument behind = job("behind").result(overloaded(result(1, 5, 1000))).build();

    assertThat(HealthNotes.of(behind)).containsExactly(RATE, UNSENT, SATURATED);
    assertThat(HealthNotes.brief(behind))
        .containsExactly(
            "behind did not sustain its requested rate: 50 requests were never sent and are in no"
                + " percentile, so its corrected latency understates the wait",
            "behind had a saturated load generator: its figures may be the generator's");
  }

  @Test
  void completionsAfterTheEndAreToldPastTheRateChecksTolerance() {
    RunResult r = result(1, 5, 1000); // 10,000 requests
    assertThat(HealthNotes.of(with(r, Map.of("completed_after_end", 100)))).isEmpty();
    assertThat(HealthNotes.of(with(r, Map.of("completed_after_end", 101))))
        .containsExactly(
            "101 requests (1.0%) completed after the measured end, during the drain: they count in"
                + " the totals and percentiles but in no second of the time series, which therefore"
                + " shows less than the totals.");
    // Moves no compared figure: not a comparison's note.
    assertThat(
            HealthNotes.brief(
                job("late").result(with(r, Map.of("completed_after_end", 5000))).build()))
        .isEmpty();
  }

  @Test
  void aStoppedRunTellsWhatWasInFlightAtTheStop() {
    RunResult r = result(1, 5, 1000);
    RunResult stopped = with(r, Map.of("sent", r.requests() + 30));
    JobDocument cancelled =
        job("c").status(JobStatus.CANCELLED).error("cancelled").result(stopped).build();
    assertThat(HealthNotes.of(cancelled))
        .containsExactly(
            "30 requests were in flight when the run was stopped and have no outcome: they are in"
                + " no count or percentile.",
            "cancelled");
    // A run that ran to its end drained what was in flight: nothing to tell.
    assertThat(HealthNotes.of(job("done").result(stopped).build())).isEmpty();
  }

  @Test
  void theJobsErrorCountsWhenTheRunStillHasFigures() {
    JobDocument cancelled =
        job("c")
            .status(JobStatus.CANCELLED)
            .error("cancelled")
            .result(overloaded(result(1, 5, 1000)))
            .build();
    assertThat(HealthNotes.of(cancelled)).containsExactly(RATE, UNSENT, SATURATED, "cancelled");

    // Without figures the error is the whole story, told by the status and error elsewhere.
    assertThat(HealthNotes.of(job("f").failed("could not connect").build())).isEmpty();
    JobDocument allFailed =
        job("a")
            .status(JobStatus.FAILED)
            .error("every request failed")
            .result(result(latency(0, 0, 0, 0, 0), 0, 10))
            .build();
    assertThat(allFailed.result().allFailed()).isTrue();
    assertThat(HealthNotes.of(allFailed)).isEmpty();
  }
}
