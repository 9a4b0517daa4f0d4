package io.meshbench.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.platform.job.JobFixtures;
import org.junit.jupiter.api.Test;

class SloTest {

  @Test
  void parsesLatencyInEveryUnit() {
    assertThat(Slo.parse("p99<=10ms").threshold()).isEqualTo(10);
    assertThat(Slo.parse("p50 < 2").threshold()).isEqualTo(2);
    assertThat(Slo.parse("p99.9<=1s").threshold()).isEqualTo(1000);
    assertThat(Slo.parse("max<=500us").threshold()).isEqualTo(0.5);
    assertThat(Slo.parse("p99.9<=1s").metric()).isEqualTo("p99_9");
  }

  @Test
  void parsesErrorRateAsPercentOrShare() {
    assertThat(Slo.parse("error_rate<=0.1%").threshold()).isEqualTo(0.001);
    assertThat(Slo.parse("error_rate<=0.02").threshold()).isEqualTo(0.02);
    assertThat(Slo.parse("throughput>=1000").threshold()).isEqualTo(1000);
  }

  @Test
  void rejectsNonsenseNamingTheForms() {
    assertThatThrownBy(() -> Slo.parse("p99<=fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p99<=fast")
        .hasMessageContaining("error_rate");
    assertThatThrownBy(() -> Slo.parse("p42<=1ms")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slo.parse("p99<=10%")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slo.parse("error_rate<=150%"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checksAgainstCorrectedLatencyAndRates() {
    var result = JobFixtures.result(); // p99 of the fixture lies between 9 and 11 ms
    assertThat(Slo.parse("p99<=20ms").check(result).passed()).isTrue();
    assertThat(Slo.parse("p99<=1ms").check(result).passed()).isFalse();
    assertThat(Slo.parse("throughput>=1").check(result).passed()).isTrue();
    assertThat(Slo.parse("throughput>=1000000").check(result).passed()).isFalse();
    assertThat(Slo.parse("error_rate<=5%").check(result).passed()).isTrue();
    assertThat(Slo.parse("error_rate<=0.1%").check(result).passed()).isFalse();
  }

  /** A run in which nothing succeeded has no latency: a latency objective cannot pass on it. */
  @Test
  void aLatencyObjectiveIsBreachedWhenNothingSucceeded() {
    var result = JobFixtures.allFailedResult();
    Slo.Check p99 = Slo.parse("p99<=10ms").check(result);
    assertThat(p99.passed()).isFalse();
    assertThat(p99.actualText()).isEqualTo("none (no request succeeded)");
    assertThat(Slo.parse("max<10s").check(result).passed()).isFalse();
    assertThat(Slo.parse("p50>=0ms").check(result).passed()).isFalse();
    assertThat(Slo.parse("error_rate<=100%").check(result).passed()).isTrue();
  }
}
