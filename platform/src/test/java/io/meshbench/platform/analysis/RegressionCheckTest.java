package io.meshbench.platform.analysis;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.JobDocument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {

  /** Five steady runs: p99 around 10 ms, p50 2 ms, 1000 rps. */
  private static List<JobDocument> history() {
    double[] p99s = {10.0, 10.4, 9.8, 10.2, 9.9};
    List<JobDocument> jobs = new ArrayList<>();
    for (int i = 0; i < p99s.length; i++) {
      jobs.add(
          job("h" + i)
              .createdAt("2026-01-0" + (i + 1) + "T00:00:00Z")
              .figures(2, p99s[i], 1000)
              .build());
    }
    return jobs;
  }

  @Test
  void aClearlySlowerRunIsARegression() {
    JobDocument slow = job("new").createdAt("2026-02-01T00:00:00Z").figures(2, 14, 1000).build();
    Regression r = RegressionCheck.check(slow, history());
    assertThat(r.regressed()).isTrue();
    assertThat(r.verdict()).isEqualTo(Regression.REGRESSION);
    assertThat(r.precedingJobs()).isEqualTo(5);
    Regression.Metric p99 =
        r.metrics().stream().filter(m -> m.metric().equals("p99_ms")).findFirst().orElseThrow();
    assertThat(p99.worse()).isTrue();
    assertThat(p99.precedingMean()).isEqualTo(10.06);
    assertThat(p99.changePct()).isGreaterThan(RegressionCheck.THRESHOLD_PCT);
  }

  @Test
  void aRunWithinTheNoiseIsNot() {
    JobDocument same = job("new").createdAt("2026-02-01T00:00:00Z").figures(2, 10.3, 1000).build();
    Regression r = RegressionCheck.check(same, history());
    assertThat(r.regressed()).isFalse();
    assertThat(r.verdict()).isEqualTo(Regression.NO_REGRESSION);
  }

  @Test
  void beyondTheBoundButUnderTheThresholdIsNot() {
    // p99 10.8 ms: outside the prediction bound of so steady a history (≈ 10.7), yet only 7 %
    // worse.
    JobDocument slightly =
        job("new").createdAt("2026-02-01T00:00:00Z").figures(2, 10.8, 1000).build();
    Regression r = RegressionCheck.check(slightly, history());
    Regression.Metric p99 =
        r.metrics().stream().filter(m -> m.metric().equals("p99_ms")).findFirst().orElseThrow();
    assertThat(p99.value()).isGreaterThan(p99.bound());
    assertThat(r.regressed()).isFalse();
  }

  @Test
  void aThroughputDropIsARegression() {
    JobDocument fewer = job("new").createdAt("2026-02-01T00:00:00Z").figures(2, 10, 700).build();
    assertThat(RegressionCheck.check(fewer, history()).regressed()).isTrue();
  }

  @Test
  void fewerThanThreePrecedingRunsGiveNoVerdict() {
    JobDocument slow = job("new").createdAt("2026-02-01T00:00:00Z").figures(2, 50, 1000).build();
    Regression r = RegressionCheck.check(slow, history().subList(0, 2));
    assertThat(r.verdict()).isEqualTo(Regression.INSUFFICIENT_HISTORY);
    assertThat(r.regressed()).isFalse();
  }

  @Test
  void onlyEarlierRunsOfTheSameSpecCount() {
    List<JobDocument> mixed = new ArrayList<>(history());
    mixed.add(
        job("other-rate").createdAt("2026-01-10T00:00:00Z").rate(500).figures(2, 50, 500).build());
    mixed.add(job("later").createdAt("2026-03-01T00:00:00Z").figures(2, 50, 1000).build());
    JobDocument slow = job("new").createdAt("2026-02-01T00:00:00Z").figures(2, 14, 1000).build();
    assertThat(RegressionCheck.check(slow, mixed).precedingJobs()).isEqualTo(5);
  }
}
